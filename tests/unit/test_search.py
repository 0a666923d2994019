"""Card search: the query parser (pure) and every filter kind answered by the store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source
from neuroquiz.store import ProgressStore
from neuroquiz.study import search
from neuroquiz.study.search import (
    SearchQuery,
    Term,
    all_tags,
    card_row,
    like_pattern,
    parse_query,
    search_cards,
)

TODAY = date(2026, 3, 2)

BASICS = Deck(
    id="neuro-basics",
    title="Neuro basics",
    cards=(
        BasicCard(
            id="gcs-range",
            front="Range of the [bold] Glasgow Coma Scale?",
            back="3 to 15",
            tags=("gcs", "trauma"),
            notes="Eye 1-4, verbal 1-5, motor 1-6.",
        ),
        ClozeCard(
            id="monro",
            text='Skull volume is {{c1::constant}} and {{c2::fixed}}; "quoted" 100%',
            origin="generated",
            source=Source(document="physiology.txt", sentences=("Skull volume is constant.",)),
        ),
        McqCard(
            id="gcs-motor",
            question="Highest motor score?",
            answer="6",
            distractors=("4", "5", "7"),
            tags=("gcs",),
        ),
    ),
)
VASCULAR = Deck(
    id="vascular",
    title="Vascular deck",
    cards=(
        BasicCard(id="sah", front="Typical SAH headache?", back="Thunderclap", tags=("sah",)),
        BasicCard(id="aneurysm", front="front", back="Berry aneurysm site?", tags=("Trauma",)),
    ),
)


@pytest.fixture
def store() -> Iterator[ProgressStore]:
    progress = ProgressStore(Database(memory=True))
    progress.sync([BASICS, VASCULAR])
    yield progress
    progress.close()


def _ids(store: ProgressStore, query: str, today: date = TODAY) -> list[str]:
    result = search_cards(store, query, today=today)
    return [row.card_id for row in result.rows(0, len(result))]


# -- parsing -----------------------------------------------------------------------------


def test_parse_every_kind_of_term() -> None:
    query = parse_query('deck:neuro* tag:gcs,trauma TYPE:Cloze is:due -is:new "coma scale" x')
    assert query.problems == ()
    assert query.terms == (
        Term("deck", ("neuro*",)),
        Term("tag", ("gcs", "trauma")),
        Term("type", ("cloze",)),
        Term("is", ("due",)),
        Term("is", ("new",), negated=True),
        Term("text", ("coma scale",)),
        Term("text", ("x",)),
    )


def test_parse_quoted_values_and_unknown_keys_are_text() -> None:
    query = parse_query('deck:"Neuro basics" C5: http://x -')
    assert query.terms == (
        Term("deck", ("Neuro basics",)),
        Term("text", ("C5:",)),
        Term("text", ("http://x",)),
        Term("text", ("-",)),
    )


def test_parse_reports_and_drops_meaningless_terms() -> None:
    query = parse_query("type:card is:later tag: deck:, fine")
    assert query.terms == (Term("text", ("fine",)),)
    assert len(query.problems) == 4
    assert "unknown type 'card'" in query.problems[0]
    assert "unknown is:later" in query.problems[1]
    assert query.problems[2].startswith("tag: needs a value")


def test_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('"open phrase').terms == (Term("text", ("open phrase",)),)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_never_raises_and_terms_are_well_formed(text: str) -> None:
    query = parse_query(text)
    assert isinstance(query, SearchQuery)
    for term in query.terms:
        assert term.values and all(term.values)
        if term.kind == "text":
            assert len(term.values) == 1


def test_like_pattern_matches_literally() -> None:
    assert like_pattern("100%_a\\", wildcard=False) == "100\\%\\_a\\\\"
    assert like_pattern("neuro*", wildcard=True) == "neuro%"
    assert like_pattern("x", wildcard=False, substring=True) == "%x%"


# -- answered by the store -------------------------------------------------------------


def test_empty_query_lists_every_card_in_deck_then_file_order(store: ProgressStore) -> None:
    assert _ids(store, "") == ["gcs-range", "monro", "gcs-motor", "sah", "aneurysm"]


def test_deck_filter_by_id_title_and_wildcard(store: ProgressStore) -> None:
    assert _ids(store, "deck:vascular") == ["sah", "aneurysm"]
    assert _ids(store, 'deck:"neuro BASICS"') == ["gcs-range", "monro", "gcs-motor"]
    assert _ids(store, "deck:neuro*") == ["gcs-range", "monro", "gcs-motor"]
    assert _ids(store, "deck:neuro") == []
    assert _ids(store, "-deck:vascular") == ["gcs-range", "monro", "gcs-motor"]


def test_tag_filter_is_exact_with_alternatives(store: ProgressStore) -> None:
    assert _ids(store, "tag:gcs") == ["gcs-range", "gcs-motor"]
    assert _ids(store, "tag:trauma") == ["gcs-range", "aneurysm"]  # case-insensitive
    assert _ids(store, "tag:gc") == []
    assert _ids(store, "tag:sah,gcs") == ["gcs-range", "gcs-motor", "sah"]
    assert _ids(store, "tag:gcs tag:trauma") == ["gcs-range"]
    assert _ids(store, "-tag:gcs") == ["monro", "sah", "aneurysm"]


def test_type_filter(store: ProgressStore) -> None:
    assert _ids(store, "type:cloze") == ["monro"]
    assert _ids(store, "type:mcq,cloze") == ["monro", "gcs-motor"]
    assert _ids(store, "-type:basic") == ["monro", "gcs-motor"]


def test_is_new_due_and_suspended(store: ProgressStore) -> None:
    # Review one of the two study cards of the cloze: it is due tomorrow.
    store.db.execute(
        "UPDATE study_cards SET repetitions = 1, interval = 1, due = '2026-03-03', "
        "last_review = '2026-03-02' WHERE key IN ('monro:c1', 'sah')"
    )
    store.set_suspended("gcs-motor", True)
    assert _ids(store, "is:new") == ["gcs-range", "monro", "gcs-motor", "aneurysm"]
    assert _ids(store, "-is:new") == ["sah"]
    assert _ids(store, "is:due") == []
    assert _ids(store, "is:due", today=date(2026, 3, 3)) == ["monro", "sah"]
    assert _ids(store, "is:suspended") == ["gcs-motor"]
    assert _ids(store, "-is:suspended is:new") == ["gcs-range", "monro", "aneurysm"]
    # A suspended card is never due.
    store.set_suspended("sah", True)
    assert _ids(store, "is:due", today=date(2026, 3, 3)) == ["monro"]
    rows = search_cards(store, "deck:vascular", today=date(2026, 3, 3)).rows(0, 9)
    assert [(r.card_id, r.due, r.new, r.suspended) for r in rows] == [
        ("sah", date(2026, 3, 3), False, True),
        ("aneurysm", None, True, False),
    ]


def test_is_generated_and_authored(store: ProgressStore) -> None:
    assert _ids(store, "is:generated") == ["monro"]
    assert _ids(store, "is:authored deck:vascular") == ["sah", "aneurysm"]


def test_free_text_searches_content_not_json_keys(store: ProgressStore) -> None:
    assert _ids(store, "glasgow") == ["gcs-range"]
    assert _ids(store, "thunderCLAP") == ["sah"]  # the back
    assert _ids(store, "front") == ["aneurysm"]  # a value, not the key of every basic card
    assert _ids(store, "motor") == ["gcs-range", "gcs-motor"]  # notes and question
    assert _ids(store, "physiology.txt") == ["monro"]  # source document
    assert _ids(store, "gcs-") == ["gcs-range", "gcs-motor"]  # ids
    assert _ids(store, '"volume is"') == ["monro"]
    assert _ids(store, "glasgow motor") == ["gcs-range"]  # every word must match
    assert _ids(store, "-gcs") == ["monro", "sah", "aneurysm"]


def test_free_text_with_like_and_json_special_characters(store: ProgressStore) -> None:
    assert _ids(store, "100%") == ["monro"]
    assert _ids(store, '"quoted"') == ["monro"]  # quotes stripped by the parser
    assert _ids(store, "[bold]") == ["gcs-range"]
    assert _ids(store, "%") == ["monro"]
    assert _ids(store, "_") == []


def test_retired_cards_are_not_found(store: ProgressStore) -> None:
    store.sync([BASICS])  # the vascular deck is gone
    assert _ids(store, "") == ["gcs-range", "monro", "gcs-motor"]


def test_rows_pages_keep_order(store: ProgressStore) -> None:
    result = search_cards(store, "", today=TODAY)
    assert len(result) == 5
    pages = result.rows(0, 2) + result.rows(2, 4) + result.rows(4, 99)
    assert [row.card_id for row in pages] == _ids(store, "")
    assert result.rows(7, 9) == []
    first = pages[0]
    assert first.prompt == "Range of the [bold] Glasgow Coma Scale?"
    assert first.tags == ("gcs", "trauma")
    assert pages[1].prompt.startswith("Skull volume")


def test_all_tags(store: ProgressStore) -> None:
    assert all_tags(store) == ["gcs", "sah", "trauma", "Trauma"]


def test_card_row_reads_one_card(store: ProgressStore) -> None:
    row = card_row(store, "gcs-motor")
    assert row is not None and row.prompt == "Highest motor score?" and row.type == "mcq"
    assert card_row(store, "nope") is None


# -- the search index (card_tags, card_text) ------------------------------------------


def test_tag_wildcards_read_the_tag_index(store: ProgressStore) -> None:
    assert _ids(store, "tag:tra*") == ["gcs-range", "aneurysm"]
    assert _ids(store, "tag:*UMA") == ["gcs-range", "aneurysm"]
    assert _ids(store, "tag:*") == ["gcs-range", "gcs-motor", "sah", "aneurysm"]
    assert _ids(store, "-tag:*") == ["monro"]


def test_list_fields_are_searched_value_by_value(store: ProgressStore) -> None:
    # Distractors and tags are text, not JSON: their quotes and commas are not found.
    assert _ids(store, ",") == ["gcs-range"]  # the notes' commas only
    assert _ids(store, "[") == ["gcs-range"]  # its "[bold]", not a JSON list
    assert _ids(store, "trauma") == ["gcs-range", "aneurysm"]  # a tag is text too


def test_long_terms_ignore_case_in_every_script_short_ones_in_ascii() -> None:
    store = ProgressStore(Database(memory=True))
    cards = (
        BasicCard(id="edema", front="Œdème cérébral vasogénique", back="x"),
        BasicCard(id="ct", front="CT first", back="x"),
    )
    store.sync([Deck(id="d", title="D", cards=cards)])
    assert _ids(store, "ŒDÈME") == ["edema"]  # trigram index: Unicode case folding
    assert _ids(store, "CÉRÉ") == ["edema"]
    assert _ids(store, "ct") == ["ct"]  # two letters: LIKE scan, ASCII case folding
    assert _ids(store, "é") == ["edema"]
    assert _ids(store, "É") == []  # LIKE folds ASCII letters only
    store.close()


def test_edits_retirement_and_restore_reach_the_index(store: ProgressStore) -> None:
    edited = BASICS.model_copy(
        update={
            "cards": (
                BASICS.cards[0].model_copy(update={"front": "Eye opening?", "tags": ("eyes",)}),
                *BASICS.cards[1:],
            )
        }
    )
    store.sync([edited, VASCULAR])
    assert _ids(store, "glasgow") == []
    assert _ids(store, "eye opening") == ["gcs-range"]
    assert _ids(store, "tag:gcs") == ["gcs-motor"]
    assert _ids(store, "tag:eyes") == ["gcs-range"]
    store.sync([edited])  # the vascular deck is gone: its cards are retired
    assert _ids(store, "thunderclap") == []
    assert "sah" not in all_tags(store)
    store.sync([edited, VASCULAR])  # and back, unchanged
    assert _ids(store, "thunderclap") == ["sah"]
    assert _ids(store, "tag:sah") == ["sah"]


def test_origin_follows_the_deck_file(store: ProgressStore) -> None:
    authored = BASICS.cards[1].model_copy(update={"origin": "authored"})
    store.sync([BASICS.model_copy(update={"cards": (BASICS.cards[0], authored)}), VASCULAR])
    assert _ids(store, "is:generated") == []
    assert _ids(store, "is:authored deck:neuro*") == ["gcs-range", "monro"]


def test_one_query_orders_decks_then_cards_with_wide_filters(store: ProgressStore) -> None:
    # Decks in sync order (not by id), cards in file order, whatever sets the filters build.
    store.sync([VASCULAR, BASICS])
    assert _ids(store, "") == ["sah", "aneurysm", "gcs-range", "monro", "gcs-motor"]
    assert _ids(store, "is:new -tag:sah") == ["aneurysm", "gcs-range", "monro", "gcs-motor"]
    assert _ids(store, "-zzz e") == ["sah", "aneurysm", "gcs-range", "monro", "gcs-motor"]


@pytest.mark.parametrize("share", [1, 10**9])  # no tag is common / every tag is common
def test_common_and_rare_tags_find_the_same_cards(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch, share: int
) -> None:
    # A tag on many cards is tested card by card, a rare one through its set of card ids.
    expected = {
        "tag:gcs": ["gcs-range", "gcs-motor"],
        "tag:TRAUMA,sah": ["gcs-range", "sah", "aneurysm"],
        "-tag:g*": ["monro", "sah", "aneurysm"],
        "tag:* -tag:sah": ["gcs-range", "gcs-motor", "aneurysm"],
    }
    monkeypatch.setattr(search, "COMMON_SHARE", share)
    terms = parse_query("tag:gcs -tag:g*").terms
    assert search.common_tag_terms(store, parse_query("tag:gcs -tag:g*")) == (
        set() if share == 1 else set(terms)
    )
    for query, cards in expected.items():
        assert _ids(store, query) == cards, query
