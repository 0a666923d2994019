"""The LLM engine against a real llama.cpp server and a tiny model: the plumbing and the
gate, not the quality of the cards. The last test stops the server mid-run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from neuroquiz.cli import cli
from neuroquiz.decks import load_deck
from neuroquiz.generate.gate import document_units
from neuroquiz.generate.llm import LlmConfig, generate_llm_decks
from neuroquiz.generate.structure import read_structured

from .conftest import N_CTX, Server

# The server and the model come with the dev extra (pyproject.toml). Built with the CPU's
# native instructions, llama.cpp died with an invalid opcode on this CI machine (its CPU
# advertises AMX that the VM does not enable): the README's install command builds it with
# CMAKE_ARGS="-DGGML_NATIVE=OFF". Without llama-cpp-python (a plain `pip install -e .`) these
# tests are skipped, except in CI, where a missing server is a failure.
if os.environ.get("CI") != "true":
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (dev extra)")


TEXT = (
    "Chordoma\n\nChordomas arise from remnants of the notochord in the skull base.\n\n"
    "Chordomas account for about 1 percent of all primary bone tumors.\n"
)


def _doc(tmp_path: Path, name: str = "chordoma.txt", text: str = TEXT) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _config(server: Server, **kw: object) -> LlmConfig:
    base: dict[str, object] = {"max_tokens": 1200, "retries": 0, "timeout": 120.0}
    base.update(kw)
    return LlmConfig(url=server.url, model="smollm2", **base)  # type: ignore[arg-type]


def test_real_server_cards_are_gated_and_cached(llm_server: Server, tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    report, (detail,) = generate_llm_decks([doc], out, _config(llm_server), cache)
    (outcome,) = report.outcomes
    # the model answered in the schema: every proposal got a verdict, none failed the request
    assert outcome.error in (None, "no card passed the checks"), outcome.error
    assert sum(detail.reasons.values()) == len(detail.cards)
    assert len(list(cache.rglob("*.json"))) == 1
    units = set(document_units(read_structured(doc)).values())
    if outcome.error is None:
        deck = load_deck(outcome.deck_path)  # type: ignore[arg-type]
        assert len(deck.cards) == detail.reasons["kept"]
        for card in deck.cards:
            assert card.origin == "generated"
            assert card.source is not None and set(card.source.sentences) <= units
        first = outcome.deck_path.read_bytes()  # type: ignore[union-attr]
        outcome.deck_path.unlink()  # type: ignore[union-attr]
        dead = LlmConfig(url="http://127.0.0.1:9/v1", model="smollm2", retries=0)
        again, _ = generate_llm_decks([doc], out, dead, cache)  # from the cache only
        assert again.outcomes[0].deck_path.read_bytes() == first  # type: ignore[union-attr]


def test_real_server_context_overflow_one_line(llm_server: Server, tmp_path: Path) -> None:
    long = "Chordoma\n\n" + " ".join(
        f"Chordomas of type {i} arise from remnants of the notochord." for i in range(N_CTX)
    )
    big = _doc(tmp_path, "big.txt", long)
    report, _ = generate_llm_decks(
        [big, tmp_path / "missing.txt"],
        tmp_path / "out",
        _config(llm_server, context_chars=10 * N_CTX * 4),
        tmp_path / "cache",
    )
    first, second = report.outcomes
    assert first.error is not None and "context" in first.error, first.error
    assert second.error is not None and "cannot read" in second.error
    assert not (tmp_path / "out").exists()


def test_real_server_token_limit_is_a_failure(llm_server: Server, tmp_path: Path) -> None:
    report, _ = generate_llm_decks(
        [_doc(tmp_path)], tmp_path / "out", _config(llm_server, max_tokens=3), tmp_path / "c"
    )
    assert report.outcomes[0].error == "the answer was cut off at the token limit (max_tokens)"
    assert not list((tmp_path / "c").rglob("*.json"))


def test_server_stopped_mid_run(llm_server: Server, tmp_path: Path) -> None:
    """Runs last: the first document is answered, then the server stops; the second gets
    one line, nothing is half-written, exit 1."""
    one = _doc(tmp_path, "one.txt")
    two = _doc(tmp_path, "two.txt", TEXT.replace("Chordoma\n", "Notochord tumour\n"))
    cache, out = tmp_path / "cache", tmp_path / "out"
    generate_llm_decks([one], tmp_path / "warm", _config(llm_server), cache)  # answered
    llm_server.stop()
    result = CliRunner().invoke(
        cli,
        ["--decks", str(out), "generate", str(one), str(two), "--engine", "llm",
         "--llm-url", llm_server.url, "--llm-model", "smollm2"],
        env={"NEUROQUIZ_LLM_CACHE": str(cache)},
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"error: {two}: cannot reach" in result.output
    assert "Traceback" not in result.output
    assert not (out / "notochord-tumour.yaml").exists()
