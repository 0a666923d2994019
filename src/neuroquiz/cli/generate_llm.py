"""``neuroquiz generate --engine llm``: options checked, a progress bar per chunk, reasons."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from neuroquiz.cli.generate_cmd import print_report


def run_llm(
    documents: tuple[Path, ...],
    target: Path,
    explain: bool,
    url: str | None,
    model: str | None,
    key_env: str | None,
    concurrency: int,
) -> None:
    """Generate with the LLM engine; with ``explain``, write nothing and show every card's
    verdict and the count of each reason."""
    from neuroquiz import paths
    from neuroquiz.generate.llm import LlmConfig, generate_llm_decks

    if not url or not model:
        missing = "--llm-url (or NEUROQUIZ_LLM_URL)" if not url else "--llm-model"
        raise click.UsageError(f"--engine llm needs {missing}")
    key = None
    if key_env:
        key = os.environ.get(key_env)
        if not key:
            raise click.UsageError(f"--llm-key-env: the variable {key_env} is not set")
    config = LlmConfig(url=url, model=model, api_key=key, concurrency=concurrency)

    def progress(path: Path, done: int, total: int) -> None:
        click.echo(f"\r{path.name}: chunk {done}/{total}", nl=done == total, err=True)

    report, details = generate_llm_decks(
        list(documents),
        target,
        config,
        paths.default_llm_cache_dir(),
        progress=progress if sys.stderr.isatty() or explain else None,
        write=not explain,
    )
    if explain:
        for path, detail in zip(documents, details, strict=True):
            click.echo(f"== {path}")
            for question, answer, reason in detail.cards:
                mark = "CARD" if reason is None else "    "
                click.echo(f"{mark} {question}  ->  {answer}")
                if reason:
                    click.echo(f"       dropped: {reason}")
            click.echo("   " + _summary(detail.reasons))
    else:
        total: Counter[str] = Counter()
        for detail in details:
            total.update(detail.reasons)
        if total:
            click.echo(_summary(total), err=True)
    print_report(report)


def _summary(reasons: Counter[str]) -> str:
    kept = reasons.get("kept", 0)
    dropped = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()) if r != "kept")
    return f"{kept} cards kept" + (f"; dropped: {dropped}" if dropped else "")
