"""Chunking along the structure, and the shared gate the LLM cards pass."""

from __future__ import annotations

from pathlib import Path

from neuroquiz.generate.blocks import Block, StructuredDocument
from neuroquiz.generate.gate import check_card, document_units, near_duplicate
from neuroquiz.generate.llm.chunks import chunk_document
from neuroquiz.generate.llm.ground import Proposal, ground

S1 = "Chordomas arise from remnants of the notochord in the skull base."
S2 = "Surgery followed by proton beam radiation is the usual treatment of chordomas."


def _doc() -> StructuredDocument:
    return StructuredDocument(
        Path("c.md"),
        "Chordoma",
        (
            Block("paragraph", text=S1, headings=("Causes",)),
            Block("list", text="Signs include:", items=("headache", "diplopia"),
                  headings=("Symptoms",)),
            Block("paragraph", text=S2, headings=("Treatment",)),
            Block("paragraph", text="NINDS supports research on chordoma.",
                  headings=("What research is being done?",)),
        ),
    )  # fmt: skip


def test_chunks_follow_headings_and_skip_noise_sections() -> None:
    chunks = chunk_document(_doc(), 3000)
    assert [c.split("\n")[0] for c in chunks] == [
        "Chordoma — Causes",
        "Chordoma — Symptoms",
        "Chordoma — Treatment",
    ]
    assert "- headache" in chunks[1]
    assert not any("NINDS" in c for c in chunks)


def test_a_long_block_is_cut_to_the_budget() -> None:
    text = " ".join([S1] * 40)
    doc = StructuredDocument(Path("c.txt"), "Chordoma", (Block("paragraph", text=text),))
    chunks = chunk_document(doc, 500)
    assert len(chunks) > 1
    assert all(len(c) <= 500 + len("Chordoma\n\n") for c in chunks)


def test_grounding_maps_the_citation_to_the_document_sentence() -> None:
    units = document_units(_doc())
    cited = S1.upper().rstrip(".")  # case and punctuation do not matter
    source, reason = ground(
        Proposal("What do chordomas arise from?", "the notochord", cited), units
    )
    assert (source, reason) == (S1, None)
    part = "proton beam radiation is the usual treatment"  # a part of a sentence counts
    assert ground(Proposal("What follows surgery?", "proton beam radiation", part), units)[0] == S2


def test_gate_refuses_what_the_rules_engine_refuses() -> None:
    assert check_card("What do chordomas arise from?", "the tumor", S1) == "generic-answer"
    long = "remnants of the notochord in the skull base"
    assert check_card("What do chordomas arise from?", long, S1) == "long-answer"
    assert check_card("What is it?", "notochord", "NINDS supports research on chordoma.")


def test_near_duplicate_is_the_same_answer_from_much_the_same_sentence() -> None:
    assert near_duplicate("the notochord", S1, [("notochord", S1)])
    assert not near_duplicate("the notochord", S1, [("the notochord", S2)])
