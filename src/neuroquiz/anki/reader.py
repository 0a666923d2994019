"""Read the notes, note types and decks (and, when asked, the scheduling: see
:mod:`.schedule_read`) out of an Anki package, defensively.

Handles both package generations: legacy (``collection.anki21`` or ``collection.anki2``,
schema 11 with JSON in the ``col`` row) and current (``collection.anki21b``: a
zstd-compressed schema-18 database; its ``collection.anki2`` is a dummy telling old Ankis to
upgrade, and is ignored). Works on .apkg and .colpkg alike.

A package is untrusted input: member paths with ``..``, a collection of more than
``max_unpacked`` bytes once unpacked (declared or counted while decompressing; media members
are never decompressed, so they do not count), a member that is not SQLite, a damaged or
truncated zip all raise a one-line :class:`NeuroquizError`. Nothing is extracted except the one
collection, into a private temporary directory.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from neuroquiz.anki.protobuf import ProtobufError, Value, first_bytes, first_int, parse
from neuroquiz.anki.schedule_read import RawSchedule, read_schedule
from neuroquiz.errors import NeuroquizError

MIB = 1024 * 1024
DEFAULT_MAX_UNPACKED = 512 * MIB
_CHUNK = MIB
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""In order of preference: the newest format a package holds wins."""
SCHEMA_MAX = 18
"""The newest collection schema Anki (and so neuroquiz) reads; Anki refuses newer ones."""
META_VERSION_MAX = 3
"""The newest package ``meta`` version (PackageMetadata.Version.LATEST); newer is refused."""


@dataclass(frozen=True)
class RawTemplate:
    """One card template of a note type: its ordinal and the question and answer formats."""

    ord: int
    qfmt: str
    afmt: str


@dataclass(frozen=True)
class RawNotetype:
    """A note type: its name, whether it is a cloze type, its field names and templates."""

    name: str
    is_cloze: bool
    fields: tuple[str, ...]
    templates: tuple[RawTemplate, ...] = ()


@dataclass(frozen=True)
class RawDeck:
    """An Anki deck: full name (``Parent::Child``) and description HTML."""

    name: str
    description: str


@dataclass(frozen=True)
class RawNote:
    """One note as stored: GUID, note type id, tags, field HTML, deck of its first card."""

    guid: str
    notetype_id: int
    tags: tuple[str, ...]
    fields: tuple[str, ...]
    deck_id: int | None
    card_ords: tuple[int, ...] = ()
    """Template ordinals (cloze numbers - 1 for a cloze type) of the note's cards, sorted."""
    note_id: int = 0


@dataclass(frozen=True)
class RawCollection:
    """Everything the importer needs from a package."""

    notetypes: dict[int, RawNotetype]
    decks: dict[int, RawDeck]
    notes: tuple[RawNote, ...]
    schedule: RawSchedule | None = None
    """Card scheduling and review history, when asked for (see :mod:`.schedule_read`)."""


def read_package(
    path: Path, *, max_unpacked: int = DEFAULT_MAX_UNPACKED, with_schedule: bool = False
) -> RawCollection:
    """Read the collection inside the Anki package at ``path``.

    Args:
        path: The package.
        max_unpacked: Refuse a collection that unpacks to more bytes than this.
        with_schedule: Also read the cards' scheduling and the review log.

    Raises:
        NeuroquizError: for a missing, damaged, truncated or hostile package.
    """
    with tempfile.TemporaryDirectory(prefix="neuroquiz-anki-") as tmp:
        database = Path(tmp) / "collection.db"
        member = _extract_collection(path, database, max_unpacked)
        return _read_database(path, member, database, with_schedule=with_schedule)


def _fail(path: Path, message: str) -> NeuroquizError:
    return NeuroquizError(message, path=path)


def _extract_collection(path: Path, target: Path, max_unpacked: int) -> str:
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise _fail(path, "no such file") from error
    except IsADirectoryError as error:
        raise _fail(path, "is a directory, not an Anki package") from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise _fail(path, "not an Anki package: not a zip file, or truncated") from error
    with archive:
        infos = archive.infolist()
        for info in infos:
            if _unsafe(info.filename):
                raise _fail(
                    path, f"refusing a package with an unsafe member path {info.filename!r}"
                )
        names = {info.filename for info in infos}
        member = next((name for name in _MEMBERS if name in names), None)
        if member is None:
            raise _fail(path, "not an Anki package: it holds no collection.anki2/anki21/anki21b")
        # Only the collection is ever decompressed: media, however large, is never read.
        if archive.getinfo(member).file_size > max_unpacked:
            raise _fail(path, _too_big(max_unpacked))
        if "meta" in names:
            _check_meta(path, archive)
        try:
            with archive.open(member) as source, target.open("wb") as sink:
                if member.endswith("b"):
                    _unzstd(source, sink, max_unpacked, lambda: _fail(path, _too_big(max_unpacked)))
                else:
                    _copy(
                        source.read, sink, max_unpacked, lambda: _fail(path, _too_big(max_unpacked))
                    )
        except NeuroquizError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as error:
            raise _fail(path, f"damaged or truncated member {member}") from error
        except _ZstdDataError as error:
            raise _fail(path, f"damaged member {member}: bad zstd data") from error
    return member


def _check_meta(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a package whose ``meta`` member declares a format newer than Anki's latest."""
    info = archive.getinfo("meta")
    if info.file_size > _CHUNK:
        raise _fail(path, "damaged member meta: too large")
    try:
        version = first_int(parse(archive.read(info)), 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ProtobufError) as error:
        raise _fail(path, "damaged member meta") from error
    if version > META_VERSION_MAX:
        raise _fail(
            path,
            f"package format version {version} is newer than this neuroquiz (and Anki) reads;"
            " export it again from an older Anki or update",
        )


class _ZstdDataError(Exception):
    """The zstd stream of a member is damaged."""


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in name.split("/"))


def _too_big(limit: int) -> str:
    return f"unpacks to more than {limit // MIB} MiB; refusing it (zip bomb?)"


def _copy(
    read: Callable[[int], bytes], sink: IO[bytes], limit: int, too_big: Callable[[], Exception]
) -> None:
    total = 0
    while chunk := read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise too_big()
        sink.write(chunk)


def _unzstd(
    source: IO[bytes], sink: IO[bytes], limit: int, too_big: Callable[[], Exception]
) -> None:
    import zstandard

    try:
        with zstandard.ZstdDecompressor().stream_reader(source) as reader:
            _copy(reader.read, sink, limit, too_big)
    except zstandard.ZstdError as error:
        raise _ZstdDataError(str(error)) from error


@contextmanager
def _connect(path: Path, member: str, database: Path) -> Iterator[sqlite3.Connection]:
    with database.open("rb") as handle:
        if handle.read(16) != _SQLITE_MAGIC:
            raise _fail(path, f"member {member} is not an SQLite database")
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        # An untrusted schema must not run functions from views or triggers.
        connection.execute("PRAGMA trusted_schema = OFF")
        yield connection
    finally:
        connection.close()


def _read_database(
    path: Path, member: str, database: Path, *, with_schedule: bool = False
) -> RawCollection:
    schedule: RawSchedule | None = None
    try:
        with _connect(path, member, database) as connection:
            tables = {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
            if not {"notes", "cards", "col"} <= tables:
                raise _fail(path, f"member {member} is not an Anki collection (no notes table)")
            _check_schema(path, connection)
            if "notetypes" in tables:
                notetypes, decks = _schema18(connection)
            else:
                notetypes, decks = _schema11(connection)
            notes = _notes(connection)
            if with_schedule:
                schedule = _schedule(path, member, connection, tables)
    except sqlite3.DatabaseError as error:
        raise _fail(path, f"member {member} is not a readable Anki collection: {error}") from error
    except (ValueError, KeyError, TypeError, AttributeError, ProtobufError) as error:
        raise _fail(path, f"member {member} has malformed note types or decks") from error
    return RawCollection(notetypes=notetypes, decks=decks, notes=notes, schedule=schedule)


def _schedule(
    path: Path, member: str, connection: sqlite3.Connection, tables: set[str]
) -> RawSchedule:
    try:
        return read_schedule(connection, tables)
    except (ValueError, TypeError, KeyError) as error:
        raise _fail(path, f"member {member} has malformed cards or review history") from error


def _check_schema(path: Path, connection: sqlite3.Connection) -> None:
    row = connection.execute("SELECT ver FROM col").fetchone()
    if row is None:
        raise _fail(path, "not an Anki collection: its col table is empty")
    version = int(row[0])
    if version > SCHEMA_MAX:
        raise _fail(
            path,
            f"collection schema {version} is newer than the {SCHEMA_MAX} this neuroquiz"
            " (and Anki) reads; refusing it",
        )


def _schema11(
    connection: sqlite3.Connection,
) -> tuple[dict[int, RawNotetype], dict[int, RawDeck]]:
    models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
    notetypes: dict[int, RawNotetype] = {}
    for key, model in _object(json.loads(models_json)).items():
        model = _object(model)
        flds = [_object(f) for f in _array(model.get("flds", []))]
        fields = sorted(flds, key=lambda f: int(f.get("ord", 0)))
        tmpls = [_object(t) for t in _array(model.get("tmpls", []))]
        notetypes[int(key)] = RawNotetype(
            name=str(model.get("name", "")),
            is_cloze=int(model.get("type", 0)) == 1,
            fields=tuple(str(f.get("name", "")) for f in fields),
            templates=tuple(
                sorted(
                    (
                        RawTemplate(
                            ord=int(t.get("ord", i)),
                            qfmt=str(t.get("qfmt", "")),
                            afmt=str(t.get("afmt", "")),
                        )
                        for i, t in enumerate(tmpls)
                    ),
                    key=lambda t: t.ord,
                )
            ),
        )
    decks = {
        int(key): RawDeck(name=str(deck.get("name", "")), description=str(deck.get("desc", "")))
        for key, deck in ((k, _object(d)) for k, d in _object(json.loads(decks_json)).items())
    }
    return notetypes, decks


def _object(value: object) -> dict[str, Any]:
    """``value`` if it is a JSON object; TypeError (a malformed collection) otherwise."""
    if not isinstance(value, dict):
        raise TypeError(f"expected a JSON object, got {type(value).__name__}")
    return value


def _array(value: object) -> list[Any]:
    """``value`` if it is a JSON array; TypeError (a malformed collection) otherwise."""
    if not isinstance(value, list):
        raise TypeError(f"expected a JSON array, got {type(value).__name__}")
    return value


def _schema18(
    connection: sqlite3.Connection,
) -> tuple[dict[int, RawNotetype], dict[int, RawDeck]]:
    fields: dict[int, list[tuple[int, str]]] = {}
    for ntid, ord_, name in connection.execute("SELECT ntid, ord, name FROM fields"):
        fields.setdefault(int(ntid), []).append((int(ord_), str(name)))
    templates: dict[int, list[RawTemplate]] = {}
    for ntid, ord_, config in connection.execute("SELECT ntid, ord, config FROM templates"):
        # CardTemplateConfig: field 1 is the question format, field 2 the answer format.
        parsed = parse(bytes(config or b""))
        templates.setdefault(int(ntid), []).append(
            RawTemplate(ord=int(ord_), qfmt=_text(parsed, 1), afmt=_text(parsed, 2))
        )
    notetypes: dict[int, RawNotetype] = {}
    for ntid, name, config in connection.execute("SELECT id, name, config FROM notetypes"):
        # NotetypeConfig: field 1 is the kind (0 normal, 1 cloze).
        kind = first_int(parse(bytes(config or b"")), 1)
        notetypes[int(ntid)] = RawNotetype(
            name=str(name),
            is_cloze=kind == 1,
            fields=tuple(n for _, n in sorted(fields.get(int(ntid), []))),
            templates=tuple(sorted(templates.get(int(ntid), []), key=lambda t: t.ord)),
        )
    decks: dict[int, RawDeck] = {}
    for did, name, kind in connection.execute("SELECT id, name, kind FROM decks"):
        # DeckKindContainer: field 1 is a normal deck, whose field 4 is the description.
        normal = first_bytes(parse(bytes(kind or b"")), 1)
        description = first_bytes(parse(normal), 4) if normal is not None else None
        decks[int(did)] = RawDeck(
            name=str(name).replace("\x1f", "::"),
            description=description.decode("utf-8", "replace") if description else "",
        )
    return notetypes, decks


def _text(fields: dict[int, list[Value]], number: int) -> str:
    value = first_bytes(fields, number)
    return value.decode("utf-8", "replace") if value is not None else ""


def _notes(connection: sqlite3.Connection) -> tuple[RawNote, ...]:
    decks: dict[int, int] = {}
    ords: dict[int, list[int]] = {}
    for nid, did, odid, ord_ in connection.execute(
        "SELECT nid, did, odid, ord FROM cards ORDER BY nid, ord DESC"
    ):
        # Last write wins with ord descending: the deck of the note's first card; a card
        # in a filtered deck counts in its home deck (odid).
        decks[int(nid)] = int(odid or did)
        ords.setdefault(int(nid), []).insert(0, int(ord_))
    rows = connection.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
    return tuple(
        RawNote(
            guid=str(guid),
            notetype_id=int(mid),
            tags=tuple(str(tags or "").split()),
            fields=tuple(str(flds or "").split("\x1f")),
            deck_id=decks.get(int(nid)),
            card_ords=tuple(ords.get(int(nid), ())),
            note_id=int(nid),
        )
        for nid, guid, mid, tags, flds in rows
    )
