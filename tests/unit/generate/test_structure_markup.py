"""Markdown and HTML read into structured blocks: headings, lists, tables, no chrome."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.generate.blocks import Block
from neuroquiz.generate.structure_markup import html_blocks, markdown_blocks

MARKDOWN = """---
title: Front Title
layout: page
---
# Ependymoma

An *ependymoma* is a [glial tumour](https://example.org) of the `ependyma`. ![scan](x.png)

## Symptoms

Symptoms include:

- **Back pain**: often at night
- Weakness
  - of the legs
  - of the arms
- Numbness

### In children

> Children present with <b>raised</b> pressure.

```python
print("code is dropped")
```

## Treatment

Surgery is the mainstay.

1. Resection
2. Radiotherapy

## Grades

| Grade | Type |
|-------|------|
| **I** | myxopapillary |
| II |
| III | anaplastic | extra |
"""

PAGE = """<html><head><title>Ependymoma | Spine Center</title>
<style>p { color: red }</style><script>var x = "cookie";</script></head><body>
<div class="cookie-banner"><p>We use cookies. Accept all</p></div>
<nav><ul><li>Home</li><li>Doctors</li></ul></nav>
<header><h1>Spine Center</h1></header>
<main>
<h1>Ependymoma</h1>
<p>An ependymoma is a tumour of the ependymal cells that line the ventricles of the brain
and the central canal of the spinal cord.<br>It is rare in adults.</p>
<h2>Symptoms</h2>
<p>Symptoms include:</p>
<ul><li>Back pain</li><li>Weakness<ul><li>legs</li><li>arms</li></ul></li></ul>
<h3>Red flags</h3>
<dl><dt>Incontinence:</dt><dd>urgent imaging</dd><dt>Fever</dt><dd>consider infection</dd></dl>
<h2>Grades</h2>
<table><thead><tr><th>Grade</th><th>Type</th></tr></thead>
<tbody><tr><td>I</td><td><em>myxopapillary</em></td></tr><tr><td>II</td></tr>
<tr><td>III</td><td>anaplastic</td><td>extra</td></tr></tbody></table>
<div class="share-bar">Share on Facebook</div>
</main>
<aside>Related articles</aside>
<footer><p>Copyright 2024 Spine Center</p></footer>
</body></html>"""


def _kinds(blocks: tuple[Block, ...]) -> list[str]:
    return [b.kind for b in blocks]


def _all_text(blocks: tuple[Block, ...]) -> str:
    return " ".join(
        " ".join([b.text, *b.items, *b.header, *(c for row in b.rows for c in row)]) for b in blocks
    )


def test_markdown_title_is_first_h1_and_not_a_heading() -> None:
    title, blocks = markdown_blocks(MARKDOWN)
    assert title == "Ependymoma"
    assert all("Ependymoma" not in b.headings for b in blocks)
    assert blocks[0] == Block("paragraph", text="An ependymoma is a glial tumour of the ependyma.")


def test_markdown_front_matter_title_is_the_fallback() -> None:
    title, blocks = markdown_blocks("---\ntitle: 'Glomus tumour'\n---\nSome text.\n")
    assert title == "Glomus tumour"
    assert blocks == (Block("paragraph", text="Some text."),)
    assert markdown_blocks("Just text.\n")[0] is None


def test_markdown_heading_path_by_level() -> None:
    _, blocks = markdown_blocks(MARKDOWN)
    quote = next(b for b in blocks if b.text.startswith("Children"))
    assert quote.headings == ("Symptoms", "In children")
    assert quote.text == "Children present with raised pressure."
    surgery = next(b for b in blocks if b.text == "Surgery is the mainstay.")
    assert surgery.headings == ("Treatment",)  # the new h2 popped the h3
    _, deep = markdown_blocks("# T\n\n## A\n\n### B\n\n#### C\n\nx\n\n### D\n\ny\n\n# Other\n\nz\n")
    assert [b.headings for b in deep] == [("A", "B", "C"), ("A", "D"), ("Other",)]


def test_markdown_list_lead_in_and_nested_items() -> None:
    _, blocks = markdown_blocks(MARKDOWN)
    symptoms = next(b for b in blocks if b.kind == "list" and b.headings == ("Symptoms",))
    assert symptoms.text == "Symptoms include:"
    assert symptoms.items == (
        "Back pain: often at night",
        "Weakness: of the legs; of the arms",
        "Numbness",
    )
    assert not any(b.kind == "paragraph" and b.text == "Symptoms include:" for b in blocks)


def test_markdown_paragraph_without_colon_stays_a_paragraph() -> None:
    _, blocks = markdown_blocks(MARKDOWN)
    treatment = [b for b in blocks if b.headings == ("Treatment",)]
    assert _kinds(tuple(treatment)) == ["paragraph", "list"]
    assert treatment[1] == Block(
        "list", items=("Resection", "Radiotherapy"), headings=("Treatment",)
    )


def test_markdown_code_is_dropped() -> None:
    _, blocks = markdown_blocks(MARKDOWN)
    assert "code is dropped" not in _all_text(blocks)
    assert "print" not in _all_text(blocks)


def test_markdown_table_with_ragged_rows() -> None:
    _, blocks = markdown_blocks(MARKDOWN)
    table = next(b for b in blocks if b.kind == "table")
    assert table.header == ("Grade", "Type")
    assert table.rows == (("I", "myxopapillary"), ("II", ""), ("III", "anaplastic"))
    assert table.headings == ("Grades",)


def test_html_title_prefers_article_h1_then_title_tag() -> None:
    assert html_blocks(PAGE)[0] == "Ependymoma"
    assert html_blocks("<title>Only Title</title><p>x</p>")[0] == "Only Title"
    assert html_blocks("<p>nothing</p>")[0] is None


def test_html_chrome_removed() -> None:
    _, blocks = html_blocks(PAGE)
    text = _all_text(blocks)
    for chrome in ("cookies", "Home", "Doctors", "Copyright", "Share on", "Related", "color"):
        assert chrome not in text


def test_html_chrome_removed_without_main() -> None:
    page = PAGE.replace("<main>", "<div>").replace("</main>", "</div>")
    title, blocks = html_blocks(page)
    assert title == "Ependymoma"
    text = _all_text(blocks)
    assert "Accept all" not in text and "Doctors" not in text and "Copyright" not in text
    assert "ependymal cells" in text


def test_html_paragraphs_headings_and_br() -> None:
    _, blocks = html_blocks(PAGE)
    assert blocks[0].kind == "paragraph"
    assert blocks[0].text.endswith("spinal cord. It is rare in adults.")
    assert blocks[0].headings == ()
    red = next(b for b in blocks if b.headings == ("Symptoms", "Red flags"))
    assert red == Block(
        "list",
        items=("Incontinence: urgent imaging", "Fever: consider infection"),
        headings=("Symptoms", "Red flags"),
    )


def test_html_list_lead_in_and_nested_items() -> None:
    _, blocks = html_blocks(PAGE)
    symptoms = next(b for b in blocks if b.kind == "list" and b.headings == ("Symptoms",))
    assert symptoms.text == "Symptoms include:"
    assert symptoms.items == ("Back pain", "Weakness: legs; arms")
    _, div = html_blocks("<div>Signs are:<ol><li>pallor<li>sweating</ol></div>")
    assert div == (Block("list", text="Signs are:", items=("pallor", "sweating")),)
    _, no_colon = html_blocks("<p>Signs are listed.</p><ul><li>pallor</li></ul>")
    assert _kinds(no_colon) == ["paragraph", "list"] and no_colon[1].text == ""


def test_html_table_header_rows_and_padding() -> None:
    _, blocks = html_blocks(PAGE)
    table = next(b for b in blocks if b.kind == "table")
    assert table.header == ("Grade", "Type")
    assert table.rows == (("I", "myxopapillary"), ("II", ""), ("III", "anaplastic"))
    assert table.headings == ("Grades",)


def test_html_table_header_from_th_row_or_blank() -> None:
    _, th = html_blocks("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>")
    assert th[0].header == ("A", "B") and th[0].rows == (("1", "2"),)
    _, bare = html_blocks("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>")
    assert bare[0].header == ("", "") and bare[0].rows == (("1", "2"), ("3", ""))
    assert html_blocks("<table></table><table><tr></tr></table>")[1] == ()


def test_html_malformed_input_is_read() -> None:
    title, blocks = html_blocks("<h1>T<p>unclosed <b>bold <ul><li>x<li>y</div></span>")
    assert title == "T"
    assert Block("list", items=("x", "y")) in blocks
    assert html_blocks("<![ab]>hello <p>world")[1] == (
        Block("paragraph", text="hello"),
        Block("paragraph", text="world"),
    )
    for junk in ("", "<", "</p>", "<!--", "<table><td>", "<dl><dd>", "<ul></li>", "&#xffffff;"):
        html_blocks(junk)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    for reader in (markdown_blocks, html_blocks):
        title, blocks = reader(text)
        assert title is None or isinstance(title, str)
        assert all(isinstance(b, Block) for b in blocks)


_PIECES = "<p> </p> <ul> <li> </ul> <table> <tr> <td> <th> </tr> <thead> <dl> <dt> <dd> <h2> </h3>"
_TAGS = st.sampled_from(
    [*_PIECES.split(), "<main>", "</main>", "<nav>", "<br>", "<![x]>", "# ", "\n- ", "|", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TAGS, st.text(max_size=8)), max_size=40).map("".join))
def test_random_markup_never_raises(text: str) -> None:
    for reader in (markdown_blocks, html_blocks):
        _, blocks = reader(text)
        for block in blocks:
            assert all(len(row) == len(block.header) for row in block.rows)
