"""``neuroquiz generate --engine llm``: options checked, a progress bar per chunk, reasons.

Also the server the app's Generate screen may ask (``neuroquiz --llm-url URL --llm-model
NAME``, or ``NEUROQUIZ_LLM_URL`` and ``NEUROQUIZ_LLM_MODEL``): :func:`llm_server`.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from neuroquiz.cli.context import AppContext
from neuroquiz.cli.generate_cmd import print_report

if TYPE_CHECKING:
    from neuroquiz.generate.llm import LlmConfig
    from neuroquiz.tui.screens.generate_review import LlmServer


def llm_config(url: str, model: str, key_env: str | None, concurrency: int = 2) -> LlmConfig:
    """The server's settings, the key read from the variable ``key_env`` names.

    Raises:
        click.UsageError: the URL is not http(s), or the key variable is not set.
    """
    from neuroquiz.generate.llm import LlmConfig

    if not url.lower().startswith(("http://", "https://")):
        raise click.UsageError(f"--llm-url must be an http:// or https:// URL, not {url!r}")
    key = None
    if key_env:
        key = os.environ.get(key_env)
        if not key:
            raise click.UsageError(f"--llm-key-env: the variable {key_env} is not set")
    return LlmConfig(url=url, model=model, api_key=key, concurrency=concurrency)


def check_llm_options(
    ctx: click.Context, url: str | None, model: str | None, key_env: str | None
) -> None:
    """Refuse ``neuroquiz --llm-url`` without ``--llm-model`` (or the reverse), and
    ``--llm-key-env`` without both, when typed on the command line (a variable set for
    ``neuroquiz generate`` alone is left for it).

    Raises:
        click.UsageError: one of them is missing.
    """

    def typed(name: str) -> bool:
        return ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE

    if url and not model and typed("llm_url"):
        raise click.UsageError("--llm-url needs --llm-model (or NEUROQUIZ_LLM_MODEL)")
    if model and not url and typed("llm_model"):
        raise click.UsageError("--llm-model needs --llm-url (or NEUROQUIZ_LLM_URL)")
    if key_env and not (url and model):
        raise click.UsageError("--llm-key-env needs --llm-url and --llm-model")


def llm_server(app: AppContext) -> LlmServer | None:
    """The server the app's Generate screen offers: None unless a URL and a model are set.

    Raises:
        click.UsageError: the URL is not http(s), or the key variable is not set.
    """
    if not app.llm_url or not app.llm_model:
        return None
    from neuroquiz import paths
    from neuroquiz.tui.screens.generate_review import LlmServer

    config = llm_config(app.llm_url, app.llm_model, app.llm_key_env)
    return LlmServer(config, paths.default_llm_cache_dir())


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
    from neuroquiz.generate.llm import generate_llm_decks

    if not url or not model:
        missing = "--llm-url (or NEUROQUIZ_LLM_URL)" if not url else "--llm-model"
        raise click.UsageError(f"--engine llm needs {missing}")
    config = llm_config(url, model, key_env, concurrency)

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
