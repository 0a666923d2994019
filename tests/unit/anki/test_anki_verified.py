"""Anki itself (the official ``anki`` package, a test-only dependency) imports our files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.anki import CardProgress, export_apkg, export_tsv, import_package
from neuroquiz.models import BasicCard, Deck, ReviewLog, ReviewState

from .conftest import STAMP, TODAY, export_from_anki, import_apkg, notes_by_guid

pytest.importorskip("anki")


def _orphans(col: Any) -> int:
    return int(col.db.scalar("SELECT count() FROM notes WHERE id NOT IN (SELECT nid FROM cards)"))


def test_anki_imports_every_note_card_deck_and_tag(
    anki_collection: Any, skull: Deck, vascular: Deck, tmp_path: Path
) -> None:
    out = tmp_path / "x.apkg"
    report = export_apkg([skull, vascular], out, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    log = import_apkg(col, out).log
    assert len(log.new) == report.notes == col.note_count() == 5
    assert col.card_count() == report.cards == 7  # two clozes with c1 and c2: two cards each
    assert _orphans(col) == 0
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"NeuroQuiz::Skull base", "NeuroQuiz::Vascular"} <= names
    notes = notes_by_guid(col)
    jugular = notes["nq:sb-jugular"]
    assert sorted(jugular.tags) == ["cranial-nerves", "foramina", "skull-base"]
    assert jugular["Front"] == "What passes through the &lt;jugular&gt; foramen?"
    assert jugular.note_type()["name"] == "NeuroQuiz Basic"
    assert {col.decks.name(c.did) for c in notes["nq:va-pica"].cards()} == {"NeuroQuiz::Vascular"}
    assert notes["nq:sb-ovale"]["Choices"].count("<li") == 4


def test_second_export_after_an_edit_updates_that_note_only(
    anki_collection: Any, skull: Deck, tmp_path: Path
) -> None:
    col = anki_collection()
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    times = {card.id: STAMP for card in skull.cards}
    export_apkg([skull], first, today=TODAY, timestamp=STAMP, content_times=times)
    import_apkg(col, first)
    before = notes_by_guid(col)
    edited = skull.cards[0].model_copy(update={"back": "CN IX, X and XI"})
    skull2 = skull.model_copy(update={"cards": (edited, *skull.cards[1:])})
    times2 = {**times, edited.id: STAMP + 86_400}
    export_apkg([skull2], second, today=TODAY, timestamp=STAMP + 86_400, content_times=times2)
    log = import_apkg(col, second).log
    assert len(log.new) == 0 and len(log.updated) == 1
    assert col.note_count() == 3
    after = notes_by_guid(col)
    assert after["nq:sb-jugular"]["Back"] == "CN IX, X and XI"
    assert after["nq:sb-jugular"].id == before["nq:sb-jugular"].id
    assert after["nq:sb-ica"].mod == before["nq:sb-ica"].mod


def test_progress_arrives_as_review_cards(
    anki_collection: Any, skull: Deck, tmp_path: Path
) -> None:
    # Anki's day starts at 4 am local time: use its idea of today.
    today = (datetime.now().astimezone() - timedelta(hours=4)).date()
    jugular_due, ica_due = today + timedelta(days=9), today - timedelta(days=2)
    progress = {
        "sb-jugular": CardProgress(
            ReviewState(repetitions=3, interval=16, ef=236, due=jugular_due, lapses=1,
                        last_review=jugular_due - timedelta(days=16)),
            reps=6,
        ),
        "sb-ica:c2": CardProgress(
            ReviewState(repetitions=2, interval=6, ef=280, due=ica_due,
                        last_review=ica_due - timedelta(days=6)),
            reps=2,
        ),
        "sb-ovale": CardProgress(ReviewState(), suspended=True),
    }  # fmt: skip
    out = tmp_path / "p.apkg"
    export_apkg([skull], out, today=today, progress=progress, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out, with_scheduling=True)
    notes = notes_by_guid(col)
    (jugular,) = notes["nq:sb-jugular"].cards()
    assert (jugular.type, jugular.queue, jugular.ivl, jugular.factor) == (2, 2, 16, 2360)
    assert (jugular.reps, jugular.lapses) == (6, 1)
    assert jugular.due - col.sched.today == 9
    c1, c2 = sorted(notes["nq:sb-ica"].cards(), key=lambda c: c.ord)
    assert (c1.type, c1.queue) == (0, 0)
    assert (c2.type, c2.ivl, c2.factor, c2.due - col.sched.today) == (2, 6, 2800, -2)
    (ovale,) = notes["nq:sb-ovale"].cards()
    assert ovale.queue == -1
    # And Anki's own scheduler agrees: the overdue cloze is due now, the other is not.
    due_now = set(col.find_cards("is:due"))
    assert c2.id in due_now and jugular.id not in due_now


def test_without_the_progress_option_anki_starts_fresh(
    anki_collection: Any, skull: Deck, tmp_path: Path
) -> None:
    state = ReviewState(repetitions=1, interval=1, ef=250, due=TODAY, last_review=TODAY)
    out = tmp_path / "p.apkg"
    export_apkg([skull], out, today=TODAY, progress={"sb-jugular": CardProgress(state)})
    col = anki_collection()
    import_apkg(col, out, with_scheduling=False)
    assert {card.type for nid in col.find_notes("") for card in col.get_note(nid).cards()} == {0}


def test_tsv_gives_the_same_notes_as_the_apkg(
    anki_collection: Any, skull: Deck, vascular: Deck, tmp_path: Path
) -> None:
    from anki.collection import ImportCsvRequest

    apkg, tsv = tmp_path / "x.apkg", tmp_path / "x.txt"
    export_apkg([skull, vascular], apkg, today=TODAY, timestamp=STAMP)
    report = export_tsv([skull, vascular], tsv)
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["#separator:tab", "#html:true", "#guid column:1",
                         "#notetype column:2", "#deck column:3", "#tags column:4"]  # fmt: skip
    assert len(lines) == 6 + report.notes
    from_apkg = anki_collection()
    import_apkg(from_apkg, apkg)
    from_tsv = anki_collection()
    import_apkg(from_tsv, apkg)  # brings the note types, as the README tells users to
    from_tsv.remove_notes(from_tsv.find_notes(""))
    assert from_tsv.note_count() == 0
    metadata = from_tsv.get_csv_metadata(str(tsv), None)
    from_tsv.import_csv(ImportCsvRequest(path=str(tsv), metadata=metadata))

    def summary(col: Any) -> dict[str, tuple[Any, ...]]:
        return {
            guid: (note.note_type()["name"], list(note.fields), sorted(note.tags),
                   sorted((c.ord, col.decks.name(c.did)) for c in note.cards()))
            for guid, note in notes_by_guid(col).items()
        }  # fmt: skip

    assert summary(from_tsv) == summary(from_apkg)
    assert from_tsv.card_count() == 7


def test_round_trip_through_anki(
    anki_collection: Any, skull: Deck, vascular: Deck, tmp_path: Path
) -> None:
    first, via_anki, again = tmp_path / "1.apkg", tmp_path / "anki.apkg", tmp_path / "2.apkg"
    export_apkg([skull, vascular], first, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, first)
    export_from_anki(col, via_anki)
    decks = import_package(via_anki).decks
    assert [d.id for d in decks] == ["skull-base", "vascular"]
    export_apkg(list(decks), again, today=TODAY, timestamp=STAMP)
    assert again.read_bytes() == first.read_bytes()


def test_html_in_a_card_shows_literally_in_anki(anki_collection: Any, tmp_path: Path) -> None:
    card = BasicCard(id="html", front="<b>bold</b> & <script>x</script>", back="a<br>b")
    out = tmp_path / "x.apkg"
    export_apkg([Deck(id="d", title="D", cards=(card,))], out, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out)
    (anki_card,) = col.get_note(col.find_notes("")[0]).cards()
    question = anki_card.question()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in question
    assert "<b>" not in question


def test_defect_1_sound_and_latex_markup_shows_as_text_in_anki(
    anki_collection: Any, tmp_path: Path
) -> None:
    text = "[sound:a.mp3] [latex]x^2[/latex] [$]y[/$] [$$]z[/$$] [sound: mri.png]"
    card = BasicCard(id="markup", front=text, back="[SOUND:b.ogg]")
    out = tmp_path / "x.apkg"
    export_apkg([Deck(id="d", title="D", cards=(card,))], out, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out)
    (anki_card,) = col.get_note(col.find_notes("")[0]).cards()
    assert anki_card.question_av_tags() == [] and anki_card.answer_av_tags() == []
    question = anki_card.question()
    assert "latex-" not in question and "<img" not in question
    assert "x^2" in question and "[/latex]" in question
    assert import_package(out).decks[0].cards == (card,)


def test_night_mode_rule_for_the_grey_source_and_notes(
    anki_collection: Any, skull: Deck, tmp_path: Path
) -> None:
    out = tmp_path / "x.apkg"
    export_apkg([skull], out, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out)
    for name in ("NeuroQuiz Basic", "NeuroQuiz Cloze", "NeuroQuiz MCQ"):
        css = col.models.by_name(name)["css"]
        assert ".nightMode .nq-source" in css and ".nightMode .nq-notes" in css


def test_defect_15_anki_deck_hierarchy_is_kept(anki_collection: Any, tmp_path: Path) -> None:
    col = anki_collection()
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "Nucleus of CN XII?", "Hypoglossal nucleus"
    col.add_note(note, col.decks.id("Neuro::Anatomy::Brainstem"))
    made = export_from_anki(col, tmp_path / "anki.apkg")
    (deck,) = import_package(made).decks
    assert deck.title == "Neuro::Anatomy::Brainstem"
    out = tmp_path / "back.apkg"
    export_apkg([deck], out, today=TODAY, timestamp=STAMP)
    target = anki_collection()
    import_apkg(target, out)
    names = {d.name for d in target.decks.all_names_and_ids()}
    assert "NeuroQuiz::Neuro::Anatomy::Brainstem" in names
    assert "NeuroQuiz::Neuro::Anatomy" in names
    (again,) = import_package(out).decks
    assert (again.id, again.title) == (deck.id, deck.title)


def _answered(
    key: str, when: datetime, grade: int, before: ReviewState, after: ReviewState, ms: int
) -> ReviewLog:
    return ReviewLog(key=key, reviewed_at=when, grade=grade, before=before, after=after,
                     answer_ms=ms)  # fmt: skip


def test_with_progress_the_review_history_goes_to_anki_revlog(
    anki_collection: Any, skull: Deck, tmp_path: Path
) -> None:
    today = (datetime.now().astimezone() - timedelta(hours=4)).date()
    first_at = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
    new = ReviewState()
    one = ReviewState(repetitions=1, interval=1, ef=250, due=today, last_review=today)
    six = ReviewState(repetitions=2, interval=6, ef=260, due=today + timedelta(days=6),
                      last_review=today)  # fmt: skip
    logs = [
        _answered("sb-jugular", first_at, 4, new, one, 4200),
        _answered("sb-jugular", first_at + timedelta(days=1), 5, one, six, 90_000),
    ]
    progress = {"sb-jugular": CardProgress(one, reps=1, modified=logs[0].reviewed_at)}
    out = tmp_path / "p.apkg"
    report = export_apkg([skull], out, today=today, progress=progress,
                         history={"sb-jugular": logs[:1]}, timestamp=STAMP)  # fmt: skip
    assert report.reviews == 1
    col = anki_collection()
    import_apkg(col, out, with_scheduling=True)
    (jugular,) = notes_by_guid(col)["nq:sb-jugular"].cards()
    stamp_ms = int(first_at.timestamp() * 1000)
    first_row = [stamp_ms, jugular.id, 3, 1, 0, 2500, 4200, 0]
    query = "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"
    assert col.db.all(query) == [first_row]
    # Anki's card statistics read the revlog: the answer shows as "Good".
    (entry,) = col.card_stats_data(jugular.id).revlog
    assert entry.button_chosen == 3
    # More study in neuroquiz, an edit, a later export: Anki's importer keeps the schedule
    # and history of a card it already has, even with "Import any learning progress" and an
    # updated note; only cards new to the collection take ours (documented in the README).
    progress = {"sb-jugular": CardProgress(six, reps=2, modified=logs[1].reviewed_at)}
    again = tmp_path / "q.apkg"
    export_apkg([skull], again, today=today, progress=progress,
                history={"sb-jugular": logs}, timestamp=STAMP,
                content_times={"sb-jugular": STAMP + 86_400 * 40})  # fmt: skip
    assert import_apkg(col, again, with_scheduling=True).log.updated
    (jugular,) = notes_by_guid(col)["nq:sb-jugular"].cards()
    assert (jugular.ivl, jugular.factor, jugular.reps) == (1, 2500, 1)
    assert col.db.all(query) == [first_row]
    # A fresh collection takes both answers (time capped at Anki's 60 s) and the schedule.
    fresh = anki_collection()
    import_apkg(fresh, again, with_scheduling=True)
    (card,) = notes_by_guid(fresh)["nq:sb-jugular"].cards()
    assert (card.ivl, card.factor, card.reps, card.due - fresh.sched.today) == (6, 2600, 2, 6)
    assert fresh.db.all(query) == [
        [stamp_ms, card.id, 3, 1, 0, 2500, 4200, 0],
        [stamp_ms + 86_400_000, card.id, 4, 6, 1, 2600, 60_000, 1],
    ]
