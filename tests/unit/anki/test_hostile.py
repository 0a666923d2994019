"""Untrusted packages: each is refused with one line naming the file, nothing extracted."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
import zstandard

from neuroquiz.anki import export_apkg, import_package
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import Deck

from .conftest import STAMP, TODAY


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _refused(path: Path, pattern: str, **kwargs: int) -> str:
    with pytest.raises(NeuroquizError, match=pattern) as info:
        import_package(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


@pytest.fixture
def good(skull: Deck, tmp_path: Path) -> bytes:
    """The collection database of a valid export."""
    out = tmp_path / "good.apkg"
    export_apkg([skull], out, today=TODAY, timestamp=STAMP)
    with zipfile.ZipFile(out) as archive:
        return archive.read("collection.anki2")


def test_parent_paths_are_refused(good: bytes, tmp_path: Path) -> None:
    bad = _zip(tmp_path / "bad.apkg", {"collection.anki2": good, "../evil.sh": b"rm -rf ~"})
    _refused(bad, "unsafe member path '../evil.sh'")
    assert not (tmp_path.parent / "evil.sh").exists()


@pytest.mark.parametrize("name", ["/etc/passwd", "a/../../b", "C:\\x", "dir\\..\\x"])
def test_other_unsafe_names_are_refused(good: bytes, tmp_path: Path, name: str) -> None:
    _refused(_zip(tmp_path / "bad.apkg", {"collection.anki2": good, name: b"x"}), "unsafe")


def test_declared_size_over_the_cap_is_refused(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(3 * 1024 * 1024)})
    _refused(bomb, "more than 2 MiB", max_unpacked=2 * 1024 * 1024)


def test_zstd_bomb_is_stopped_while_unpacking(tmp_path: Path) -> None:
    # Small in the zip listing, huge once decompressed: only the stream counter catches it.
    payload = zstandard.ZstdCompressor().compress(bytes(8 * 1024 * 1024))
    bomb = _zip(tmp_path / "bomb.apkg", {"collection.anki21b": payload})
    assert len(payload) < 1024 * 1024
    _refused(bomb, "more than 1 MiB", max_unpacked=1024 * 1024)


def test_member_that_is_not_sqlite(tmp_path: Path) -> None:
    _refused(_zip(tmp_path / "x.apkg", {"collection.anki2": b"hello"}), "not an SQLite")


def test_sqlite_that_is_not_an_anki_collection(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    bad = _zip(tmp_path / "x.apkg", {"collection.anki21": db.read_bytes()})
    _refused(bad, "not an Anki collection")


def test_damaged_zstd_member(tmp_path: Path) -> None:
    _refused(_zip(tmp_path / "x.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd junk"}), "damaged")


def test_package_with_no_notes(tmp_path: Path) -> None:
    out = tmp_path / "empty.apkg"
    export_apkg([Deck(id="empty", title="Empty")], out, today=TODAY, timestamp=STAMP)
    _refused(out, "holds no notes")


def test_truncated_file(skull: Deck, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    export_apkg([skull], out, today=TODAY, timestamp=STAMP)
    out.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    _refused(out, "not a zip file, or truncated")


def test_corrupted_member_data(good: bytes, tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.apkg", {"collection.anki2": good})
    data = bytearray(path.read_bytes())
    data[60:90] = bytes(30)  # inside the deflate stream of the first member
    path.write_bytes(bytes(data))
    _refused(path, "damaged|not an SQLite|not a readable")


def test_not_a_zip_and_missing_and_no_collection(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("front\tback\n")
    _refused(text, "not a zip file")
    _refused(tmp_path / "missing.apkg", "no such file")
    _refused(_zip(tmp_path / "media.apkg", {"media": b"{}"}), "holds no collection")


def test_only_notes_of_unusable_types(tmp_path: Path, good: bytes) -> None:
    db = tmp_path / "col.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE notes SET mid = 42")
    connection.close()
    _refused(_zip(tmp_path / "x.apkg", {"collection.anki2": db.read_bytes()}), "no note neuroquiz")


def _with_col(tmp_path: Path, good: bytes, sql: str, *params: object) -> Path:
    db = tmp_path / "col.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as connection:
        connection.execute(sql, params)
    connection.close()
    return _zip(tmp_path / "x.apkg", {"collection.anki2": db.read_bytes()})


def _models_json(good: bytes, tmp_path: Path) -> dict[str, object]:
    import json

    db = tmp_path / "read.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as connection:
        (models,) = connection.execute("SELECT models FROM col").fetchone()
    connection.close()
    result: dict[str, object] = json.loads(models)
    return result


def test_defect_13_flds_a_string_is_one_line(good: bytes, tmp_path: Path) -> None:
    import json

    models = _models_json(good, tmp_path)
    for model in models.values():
        assert isinstance(model, dict)
        model["flds"] = "Front"
    bad = _with_col(tmp_path, good, "UPDATE col SET models = ?", json.dumps(models))
    _refused(bad, "malformed note types or decks")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("models", "[]"),
        ("models", '{"1": "Basic"}'),
        ("decks", '["Default"]'),
        ("decks", '{"1": 7}'),
    ],
    ids=["models-a-list", "model-a-string", "decks-a-list", "deck-a-number"],
)
def test_issue_12_defect_10_malformed_packages_are_one_line(
    good: bytes, tmp_path: Path, column: str, value: str
) -> None:
    bad = _with_col(tmp_path, good, f"UPDATE col SET {column} = ?", value)
    _refused(bad, "malformed note types or decks")


def test_defect_12_newer_collection_schema_is_refused(good: bytes, tmp_path: Path) -> None:
    bad = _with_col(tmp_path, good, "UPDATE col SET ver = 99")
    _refused(bad, "collection schema 99 is newer")


def test_defect_12_newer_package_meta_version_is_refused(good: bytes, tmp_path: Path) -> None:
    meta = bytes([0x08, 4])  # PackageMetadata { version: 4 }
    bad = _zip(tmp_path / "x.apkg", {"collection.anki2": good, "meta": meta})
    _refused(bad, "package format version 4 is newer")


def test_defect_14_large_media_is_not_a_zip_bomb(good: bytes, tmp_path: Path) -> None:
    # Media neuroquiz never reads does not count against the limit; stored, not deflated,
    # as real media is, and declared larger than the limit.
    path = tmp_path / "media.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", good, zipfile.ZIP_DEFLATED)
        archive.writestr("0", bytes(3 * 1024 * 1024), zipfile.ZIP_STORED)
        archive.writestr("media", b'{"0": "scan.png"}', zipfile.ZIP_DEFLATED)
    result = import_package(path, max_unpacked=2 * 1024 * 1024)
    assert [deck.id for deck in result.decks] == ["skull-base"]
