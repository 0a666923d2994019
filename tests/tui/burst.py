"""Send keys the way a fast link delivers them: all queued before the app handles any.

``pilot.press`` waits for the app to go idle after every key, which hides the bugs a
pasted string or a slow SSH link shows: a focus change, a screen push or a refresh that
is still queued when the next key arrives.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key


def _key_event(key: str) -> events.Key:
    """The event ``pilot.press(key)`` would send (same names, same characters)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    char: str | None
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def burst(pilot: Any, *keys: str) -> None:
    """Queue every key in ``keys`` at once, then wait until the app has handled them all.

    Args:
        pilot: The test's Pilot.
        keys: Key names (``"down"``, ``"enter"``) or single characters (``"/"``, ``"a"``).
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def chars(text: str) -> list[str]:
    """The keys that typing ``text`` sends, one per character."""
    return list(text)
