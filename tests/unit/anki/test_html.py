"""Card text <-> Anki field HTML."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.anki.html import convert, tagged, to_html, to_text


def test_to_html_escapes_markup_characters() -> None:
    assert to_html('a < b & c > "d"') == "a &lt; b &amp; c &gt; &quot;d&quot;"


def test_to_html_turns_newlines_into_br_and_drops_the_field_separator() -> None:
    assert to_html("one\r\ntwo\nthree\x1f") == "one<br>two<br>three"


def test_to_html_leaves_cloze_syntax_alone() -> None:
    assert to_html("{{c1::a < b::hint}}") == "{{c1::a &lt; b::hint}}"


@settings(max_examples=200)
@given(st.text())
def test_exact_conversion_inverts_to_html(text: str) -> None:
    expected = re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text.replace("\r\n", "\n").replace("\r", "\n")
    )
    assert convert(to_html(text), exact=True).text == expected


@settings(max_examples=100)
@given(st.lists(st.text(), max_size=4))
def test_tagged_parts_come_back(values: list[str]) -> None:
    html = "".join(tagged("li", "nq-choice", v) for v in values)
    expected = [
        re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", v.replace("\r\n", "\n").replace("\r", "\n"))
        for v in values
    ]
    assert convert(f"<ol>{html}</ol>", exact=True).parts.get("nq-choice", []) == expected


def test_to_text_of_typical_anki_html() -> None:
    html = "<div>First&nbsp; line</div><div><b>Second</b><br>third &amp; &lt;x&gt;</div>"
    assert to_text(html) == "First line\nSecond\nthird & <x>"


def test_media_become_placeholders_and_are_listed() -> None:
    converted = convert('Look <img src="brain.png"> here [sound:say.mp3]')
    assert converted.text == "Look [image: brain.png] here [sound: say.mp3]"
    assert converted.media == ["say.mp3", "brain.png"]


def test_scripts_and_styles_are_dropped() -> None:
    assert to_text("<style>.x{}</style>A<script>alert(1)</script>B") == "AB"


def test_deck_marker_comment_is_read() -> None:
    assert convert("desc<!--neuroquiz-deck:skull-base-->").marker == "skull-base"
    assert convert("desc<!-- other -->").marker is None


def test_defect_10_table_cells_do_not_run_together() -> None:
    table = (
        "<table><tr><th>Nerve</th><th>Foramen</th></tr>"
        "<tr><td>V2</td><td>rotundum</td></tr><tr><td>V3</td><td>ovale</td></tr></table>"
    )
    assert to_text(table) == "Nerve | Foramen\nV2 | rotundum\nV3 | ovale"
    assert to_text("<td>a</td><td>b</td>") == "a | b"
