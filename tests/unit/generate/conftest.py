"""Fixtures for the generator tests: the seed and held-out documents, generated once."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from neuroquiz.decks import load_deck
from neuroquiz.generate import GenerateReport, generate_decks
from neuroquiz.models import CLOZE_RE, BasicCard, ClozeCard, Deck, McqCard

DATA = Path(__file__).parent / "data"
SEEDS = ("seed_glomus.txt", "seed_intramedullary.txt", "seed_hemangioma.txt")
HELDOUT = ("heldout_vestibular_schwannoma.txt", "heldout_medulloblastoma.txt")

AnyCard = BasicCard | ClozeCard | McqCard


@dataclass
class Run:
    """One generation run: its report and the decks it wrote, keyed by source file name."""

    report: GenerateReport
    decks: dict[str, Deck]
    out: Path


def run_generation(names: tuple[str, ...], root: Path) -> Run:
    """Copy documents into ``root/docs`` and generate them into ``root/decks``."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        shutil.copy(DATA / name, docs / name)
        paths.append(docs / name)
    out = root / "decks"
    report = generate_decks(paths, out)
    decks = {o.source.name: load_deck(o.deck_path) for o in report.outcomes if o.deck_path}
    return Run(report, decks, out)


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run_generation(SEEDS, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def heldout_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run_generation(HELDOUT, tmp_path_factory.mktemp("heldout"))


@pytest.fixture(scope="session")
def unseen_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The six unseen documents (HTML, Markdown, PDF, text, Q&A), generated in one run."""
    from tests.unit.generate.unseen_docs import write_unseen

    root = tmp_path_factory.mktemp("unseen")
    out = root / "decks"
    report = generate_decks(write_unseen(root / "docs"), out)
    decks = {o.source.name: load_deck(o.deck_path) for o in report.outcomes if o.deck_path}
    return Run(report, decks, out)


def answers(card: AnyCard) -> list[str]:
    """The answer parts of a card."""
    if isinstance(card, BasicCard):
        return [card.back]
    if isinstance(card, McqCard):
        return [card.answer]
    return [m.group(2) for m in CLOZE_RE.finditer(card.text)]


def full_text(card: AnyCard) -> str:
    """Everything a card shows, prompt and answers, without cloze markup."""
    if isinstance(card, BasicCard):
        return f"{card.front} {card.back}"
    if isinstance(card, McqCard):
        return f"{card.question} {card.answer}"
    return CLOZE_RE.sub(lambda m: m.group(2), card.text)
