"""Shared fixtures of the Anki interop tests: sample decks and throwaway Anki collections."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.anki import export_apkg
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

TODAY = date(2026, 3, 2)
STAMP = 1_767_225_600.0  # 2026-01-01 00:00 UTC


def make_skull() -> Deck:
    """A deck with one card of each type and text that needs escaping."""
    return Deck(
        id="skull-base",
        title="Skull base",
        description="Foramina & <canals>",
        cards=(
            BasicCard(
                id="sb-jugular",
                front="What passes through the <jugular> foramen?",
                back="CN IX, X & XI\nand the internal jugular vein",
                tags=("foramina", "cranial-nerves"),
                origin="generated",
                source=Source(document="Rhoton.pdf", sentences=("The jugular foramen …", "x")),
            ),
            ClozeCard(
                id="sb-ica",
                text="The {{c1::ICA}} enters via the {{c2::carotid canal}}.",
                notes="Petrous segment first.",
                source=Source(document="Rhoton.pdf"),
            ),
            McqCard(
                id="sb-ovale",
                question="Which nerve exits the foramen ovale?",
                answer="V3",
                distractors=("V1", "V2", "VII"),
                tags=("foramina",),
            ),
        ),
    )


def make_vascular() -> Deck:
    """A second, small deck."""
    return Deck(
        id="vascular",
        title="Vascular",
        cards=(
            BasicCard(id="va-acom", front="Most common aneurysm site?", back="AComm"),
            ClozeCard(id="va-pica", text="{{c1::PICA}} supplies the {{c2::lateral medulla}}."),
        ),
    )


@pytest.fixture
def skull() -> Deck:
    """See :func:`make_skull`."""
    return make_skull()


@pytest.fixture
def vascular() -> Deck:
    """See :func:`make_vascular`."""
    return make_vascular()


@pytest.fixture(scope="session")
def anki_collection() -> Iterator[Callable[[], Any]]:
    """A factory of fresh, empty Anki collections (closed at the end of the session)."""
    pytest.importorskip("anki")
    from anki.collection import Collection

    opened: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="nq-anki-") as tmp:

        def make() -> Any:
            col = Collection(os.path.join(tmp, f"c{len(opened)}.anki2"))
            opened.append(col)
            return col

        yield make
        for col in opened:
            col.close()


def rewrite(
    package: Path,
    out: Path,
    *,
    cards: dict[tuple[str, int], dict[str, Any]] | None = None,
    revlog: Sequence[tuple[str, int, dict[str, Any]]] = (),
    conf: dict[str, Any] | None = None,
) -> Path:
    """Copy our (schema 11) package ``package`` to ``out`` with Anki's scheduling written in.

    Args:
        cards: ``(guid, ord)`` -> card columns to set.
        revlog: ``(guid, ord, columns)`` of revlog rows to add (ease, ivl, ... default to an
            answer "Good" of a review; a guid not in the package gives a deleted card's row).
        conf: Keys to set in the collection's JSON config.
    """
    database = out.with_name(out.name + ".db")
    with zipfile.ZipFile(package) as archive:
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    ids = {
        (guid, ord_): cid
        for cid, guid, ord_ in connection.execute(
            "SELECT c.id, n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.nid"
        )
    }
    for (guid, ord_), columns in (cards or {}).items():
        sets = ", ".join(f"{column} = ?" for column in columns)
        connection.execute(
            f"UPDATE cards SET {sets} WHERE id = ?", [*columns.values(), ids[(guid, ord_)]]
        )
    for guid, ord_, columns in revlog:
        row = {"usn": -1, "ease": 3, "ivl": 1, "lastIvl": 0, "factor": 2500, "time": 0,
               "type": 1, **columns}  # fmt: skip
        row["cid"] = ids.get((guid, ord_), 99)
        names, marks = ", ".join(row), ", ".join("?" * len(row))
        connection.execute(f"INSERT INTO revlog ({names}) VALUES ({marks})", list(row.values()))
    if conf:
        (text,) = connection.execute("SELECT conf FROM col").fetchone()
        connection.execute("UPDATE col SET conf = ?", [json.dumps({**json.loads(text), **conf})])
    connection.commit()
    connection.close()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("collection.anki2", database.read_bytes())
        archive.writestr("media", "{}")
    database.unlink()
    return out


def crafted(
    tmp_path: Path, decks: Sequence[Deck], *, name: str = "anki.apkg", **changes: Any
) -> Path:
    """Our export of ``decks`` (day 0 is TODAY) with Anki's scheduling written in (see
    :func:`rewrite`)."""
    source = tmp_path / f"source-{name}"
    export_apkg(list(decks), source, today=TODAY, timestamp=STAMP)
    return rewrite(source, tmp_path / name, **changes)


def ms(moment: datetime) -> int:
    """A revlog id: the answer time in epoch milliseconds."""
    return int(moment.timestamp() * 1000)


def import_apkg(col: Any, path: Path, *, with_scheduling: bool = False) -> Any:
    """Import ``path`` into ``col`` the way Anki's import dialog does."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(path.resolve()),
        options=ImportAnkiPackageOptions(with_scheduling=with_scheduling),
    )
    return col.import_anki_package(request)


def export_from_anki(col: Any, path: Path) -> Path:
    """Export ``col`` as Anki's own .apkg (without scheduling or media) to ``path``."""
    from anki.collection import ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=False)
    col.export_anki_package(out_path=str(path), options=options, limit=None)
    return path


def notes_by_guid(col: Any) -> dict[str, Any]:
    """All notes of ``col`` by GUID."""
    return {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}


@pytest.fixture(scope="session")
def anki_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Packages written by Anki itself: current (.apkg with anki21b), legacy, and .colpkg.

    The collection holds our sample decks plus notes made in Anki: a Basic note with an image
    and a sound in deck "Foreign::Sub", a Cloze note, and a note of a one-field note type.
    """
    pytest.importorskip("anki")
    from anki.collection import Collection, ExportAnkiPackageOptions

    from neuroquiz.anki import export_apkg

    tmp = tmp_path_factory.mktemp("anki-made")
    ours = tmp / "ours.apkg"
    export_apkg([make_skull()], ours, today=TODAY, timestamp=STAMP)
    col = Collection(str(tmp / "source.anki2"))
    import_apkg(col, ours)
    deck_id = col.decks.id("Foreign::Sub")
    deck = col.decks.get(deck_id)
    deck["desc"] = "Made <b>in</b> Anki"
    col.decks.save(deck)
    basic = col.new_note(col.models.by_name("Basic"))
    basic["Front"] = 'Which lobe? <img src="mri.png">'
    basic["Back"] = "Temporal&nbsp;lobe [sound:say.mp3]"
    basic.tags = ["anatomy::lobes"]
    col.add_note(basic, deck_id)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "The <b>{{c1::corpus callosum}}</b> joins the {{c2::hemispheres}}."
    cloze["Back Extra"] = "Commissural fibres"
    col.add_note(cloze, deck_id)
    single = col.models.copy(col.models.by_name("Basic"))
    single["name"] = "Single"
    col.models.remove_field(single, single["flds"][1])
    col.models.update_dict(single)
    lone = col.new_note(col.models.by_name("Single"))
    lone["Front"] = "Only one field"
    col.add_note(lone, deck_id)
    paths = {"current": tmp / "current.apkg", "legacy": tmp / "legacy.apkg"}
    for kind, path in paths.items():
        options = ExportAnkiPackageOptions(
            with_scheduling=True, with_media=False, legacy=kind == "legacy"
        )
        col.export_anki_package(out_path=str(path), options=options, limit=None)
    paths["colpkg"] = tmp / "all.colpkg"
    col.export_collection_package(str(paths["colpkg"]), include_media=False, legacy=False)
    col.close()
    return paths
