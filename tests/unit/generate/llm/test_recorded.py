"""The LLM engine against recorded responses: grounding, the gate, cache, failure shapes."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from neuroquiz.cli import cli
from neuroquiz.decks import load_deck
from neuroquiz.generate.llm import LlmConfig, generate_llm_decks
from neuroquiz.generate.llm.prompt import SCHEMA

from .recorded import cards, completion, replay

ARISE = "Chordomas arise from remnants of the notochord in the skull base."
RATE = "Chordomas account for about 1 percent of all primary bone tumors."
GOOD = ("What do chordomas arise from?", "remnants of the notochord", ARISE)


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "chordoma.txt"
    path.write_text(f"Chordoma\n\n{ARISE}\n\n{RATE}\n", encoding="utf-8")
    return path


def _config(url: str, **kw: object) -> LlmConfig:
    return LlmConfig(url=url, model="test", backoff=0.01, **kw)  # type: ignore[arg-type]


def test_grounded_card_kept_and_others_dropped_with_reasons(doc: Path, tmp_path: Path) -> None:
    reply = cards(
        GOOD,
        ("What do chordomas arise from?", "the meninges", ARISE),  # not in the source
        ("What share of bone tumors are chordomas?", "about 2 percent", RATE),  # number
        ("What arises from the notochord?", "chordomas", "Chordomas come from space."),
        ("What do chordomas arise from?", "chordomas", ARISE),  # given away
        ("", "x", ARISE),
    )
    with replay([reply]) as (url, received):
        report, details = generate_llm_decks([doc], tmp_path / "out", _config(url), tmp_path / "c")
    assert not report.failed
    assert details[0].reasons == {
        "kept": 1,
        "answer-not-in-source": 1,
        "number-mismatch": 1,
        "source-not-in-document": 1,
        "given-away": 1,
        "malformed-card": 1,
    }
    deck = load_deck(report.outcomes[0].deck_path)  # type: ignore[arg-type]
    (card,) = deck.cards
    assert card.origin == "generated"
    assert card.source is not None and card.source.sentences == (ARISE,)
    body = received[0]
    assert body["response_format"]["json_schema"]["schema"] == SCHEMA
    assert ARISE in body["messages"][-1]["content"]


def test_cache_gives_identical_deck_without_the_server(doc: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    with replay([cards(GOOD)]) as (url, received):
        generate_llm_decks([doc], out, _config(url), cache)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    for p in out.iterdir():
        p.unlink()
    report, _ = generate_llm_decks([doc], out, _config(_dead_url()), cache)
    assert not report.failed
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert len(received) == 1


def test_transient_error_retried_then_succeeds(doc: Path, tmp_path: Path) -> None:
    with replay([(503, b"busy"), cards(GOOD)]) as (url, received):
        report, _ = generate_llm_decks([doc], tmp_path / "o", _config(url), tmp_path / "c")
    assert not report.failed and len(received) == 2


@pytest.mark.parametrize("code", [422, 500])
def test_schema_refusal_falls_back_whatever_the_status(
    doc: Path, tmp_path: Path, code: int
) -> None:
    detail = {"error": {"message": "validation error: ('body', 'response_format', 'type')"}}
    with replay([(code, json.dumps(detail).encode()), cards(GOOD)]) as (url, received):
        report, _ = generate_llm_decks([doc], tmp_path / "o", _config(url), tmp_path / "c")
    assert not report.failed and len(received) == 2
    assert received[1]["response_format"]["type"] == "json_object"


@pytest.mark.parametrize(
    ("reply", "cause"),
    [
        (completion("{not json"), "not valid JSON"),
        (completion(None, refusal="I cannot help with that."), "refused"),
        (
            (
                400,
                json.dumps(
                    {"error": {"message": "Requested tokens exceed context window"}}
                ).encode(),
            ),
            "context overflow",
        ),
        ((401, b'{"error": {"message": "bad key"}}'), "HTTP 401"),
        ((500, b"oops"), "HTTP 500"),
        (completion(json.dumps({"deck": []})), "no list of cards"),
        (completion('{"cards": [{"question": "Wh', finish="length"), "token limit"),
    ],
)
def test_failure_is_one_line_and_writes_nothing(
    doc: Path, tmp_path: Path, reply: tuple[int, bytes], cause: str
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Other\n\nNo server needed here.\n", encoding="utf-8")
    with replay([reply]) as (url, _):
        report, _ = generate_llm_decks(
            [doc, tmp_path / "missing.txt"],
            tmp_path / "out",
            _config(url, retries=1),
            tmp_path / "c",
        )
    first, second = report.outcomes
    assert first.error is not None and cause in first.error and "\n" not in first.error
    assert second.error is not None  # the next document is still tried
    assert not (tmp_path / "out").exists()
    assert not list((tmp_path / "c").rglob("*.json"))  # a bad answer is never cached


def test_cli_server_down_exit_1_one_line(doc: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--decks",
            str(tmp_path / "out"),
            "generate",
            str(doc),
            "--engine",
            "llm",
            "--llm-url",
            _dead_url(),
            "--llm-model",
            "m",
        ],
        env={"NEUROQUIZ_LLM_CACHE": str(tmp_path / "c")},
    )
    assert result.exit_code == 1
    assert f"error: {doc}: cannot reach" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_cli_needs_url_and_model(doc: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", str(doc), "--engine", "llm"], env={})
    assert result.exit_code == 2 and "--llm-url" in result.output


def test_cli_explain_shows_reasons(doc: Path, tmp_path: Path) -> None:
    reply = cards(GOOD, ("What do chordomas arise from?", "the meninges", ARISE))
    with replay([reply]) as (url, _):
        result = CliRunner().invoke(
            cli,
            [
                "--decks",
                str(tmp_path / "out"),
                "generate",
                str(doc),
                "--engine",
                "llm",
                "--explain",
            ],
            env={
                "NEUROQUIZ_LLM_URL": url,
                "NEUROQUIZ_LLM_MODEL": "m",
                "NEUROQUIZ_LLM_CACHE": str(tmp_path / "c"),
            },
        )
    assert result.exit_code == 0, result.output
    assert "dropped: answer-not-in-source" in result.output
    assert "1 cards kept; dropped: 1 answer-not-in-source" in result.output
    assert not (tmp_path / "out").exists()


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_server_refusing_json_schema_gets_json_object_with_the_schema(
    doc: Path, tmp_path: Path
) -> None:
    refused = (422, json.dumps({"detail": [{"loc": ["body", "response_format", "type"]}]}).encode())
    with replay([refused, cards(GOOD)]) as (url, received):
        report, _ = generate_llm_decks([doc], tmp_path / "o", _config(url), tmp_path / "c")
    assert not report.failed
    assert received[1]["response_format"] == {"type": "json_object", "schema": SCHEMA}


def test_cli_generate_takes_the_server_given_to_neuroquiz(doc: Path, tmp_path: Path) -> None:
    """``neuroquiz --llm-url U --llm-model M generate --engine llm`` asks that server."""
    with replay([cards(GOOD)]) as (url, received):
        result = CliRunner().invoke(
            cli,
            [
                *("--decks", str(tmp_path / "out"), "--llm-url", url, "--llm-model", "m"),
                *("generate", str(doc), "--engine", "llm"),
            ],
            env={"NEUROQUIZ_LLM_CACHE": str(tmp_path / "c")},
        )
    assert result.exit_code == 0, result.output
    assert len(received) == 1 and received[0]["model"] == "m"


def test_cli_url_that_is_not_http_is_a_usage_error(doc: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            *("--decks", str(tmp_path / "out"), "generate", str(doc), "--engine", "llm"),
            *("--llm-url", "127.0.0.1:8080", "--llm-model", "m"),
        ],
        env={"NEUROQUIZ_LLM_CACHE": str(tmp_path / "c")},
    )
    assert result.exit_code == 2
    assert "--llm-url must be an http:// or https:// URL" in result.output
    assert "Traceback" not in result.output
