"""Just enough protobuf to read two values out of Anki's schema-18 blobs.

The current collection format keeps note-type and deck settings as protobuf messages. We need
only the note-type kind and the deck description, so a tiny wire-format reader does instead of
a generated module (and without trusting the input: every length is bounds-checked).
"""

from __future__ import annotations

Value = int | bytes


class ProtobufError(ValueError):
    """The blob is not a valid protobuf message."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ProtobufError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def parse(data: bytes) -> dict[int, list[Value]]:
    """The top-level fields of a message: field number -> values (ints or raw bytes)."""
    fields: dict[int, list[Value]] = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        value: Value
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise ProtobufError("truncated field")
            value, pos = data[pos : pos + length], pos + length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            if pos + size > len(data):
                raise ProtobufError("truncated field")
            value, pos = data[pos : pos + size], pos + size
        else:
            raise ProtobufError(f"unsupported wire type {wire}")
        fields.setdefault(number, []).append(value)
    return fields


def first_int(fields: dict[int, list[Value]], number: int) -> int:
    """The first varint of field ``number``; 0 (the protobuf default) when absent."""
    for value in fields.get(number, []):
        if isinstance(value, int):
            return value
    return 0


def first_bytes(fields: dict[int, list[Value]], number: int) -> bytes | None:
    """The first length-delimited value of field ``number``, or None."""
    for value in fields.get(number, []):
        if isinstance(value, bytes):
            return value
    return None
