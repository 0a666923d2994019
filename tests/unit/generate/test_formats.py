"""Reading and cleaning other formats: HTML chrome, Markdown, PDF layout, bulleted lists."""

from __future__ import annotations

from pathlib import Path

from neuroquiz.generate.markup import BULLET, html_to_text, markdown_to_text
from neuroquiz.generate.pdftext import layout_text
from neuroquiz.generate.structure import read_structured
from tests.unit.generate.unseen_docs import build_pdf, pdf_pages

PAGE = """<html><head><title>Ependymoma | Spine Center</title>
<style>h2 { color: red }</style><script>var x = "cookie";</script></head><body>
<div class="cookie-banner"><p>We use cookies. Accept</p></div>
<nav><ul><li>Home</li><li>Doctors</li></ul></nav>
<ol class="breadcrumb"><li>Home</li><li>Conditions</li></ol>
<main><h1>Ependymoma</h1>
<p>Ependymomas arise from ependymal cells lining the ventricles and the central canal.</p>
<h2>Symptoms</h2><ul><li>Headache</li><li>Back pain</li></ul>
<aside class="related"><h2>Related Articles</h2><ul><li>Astrocytoma</li></ul></aside>
<p>Myxopapillary ependymomas occur mainly in the filum terminale of adults.</p></main>
<footer><p>&copy; 2024 Spine Center. All rights reserved.</p></footer></body></html>"""


def test_html_keeps_the_article_and_drops_site_chrome() -> None:
    text, title, headings = html_to_text(PAGE)
    assert title == "Ependymoma"
    assert "ependymal cells" in text and "filum terminale" in text
    for noise in ("cookie", "Doctors", "Conditions", "Related", "Astrocytoma", "rights", "red"):
        assert noise not in text
    assert f"{BULLET}Headache" in text.split("\n\n")
    assert "Symptoms" in headings and "Related Articles" not in headings


def test_html_without_main_skips_noisy_classes() -> None:
    html = (
        '<body><div class="menu">Home | About | Donate</div><div id="content">'
        "<p>Shunt infection is most often caused by Staphylococcus epidermidis.</p></div>"
        '<p class="helpful">Was this page helpful?</p><div class="footer">Madison</div></body>'
    )
    text, _, _ = html_to_text(html)
    assert text == "Shunt infection is most often caused by Staphylococcus epidermidis."


def test_markdown_front_matter_tables_and_bullets() -> None:
    text, title, headings = markdown_to_text(
        "---\ntitle: Spinal Cord Injury\nauthor: x\n---\n\n*Handout.*\n\n## Grading\n\n"
        "| Grade | Meaning |\n|---|---|\n| A | Complete |\n\n"
        "- **ASIA A** is a complete injury.\n- ASIA E is normal.\n"
    )
    assert title == "Spinal Cord Injury"
    assert "author" not in text and "Complete |" not in text and "|" not in text
    assert f"{BULLET}ASIA A is a complete injury." in text.splitlines()
    assert headings == ("Grading",)


def test_pdf_layout_joins_lines_and_drops_page_furniture() -> None:
    pages = [
        "Spine Journal · Vol. 3\nA Short Review\nIntroduction\n"
        "Spinal cord compression is treated with decompres-\n"
        "sion of the canal in most patients with deficits\nand pain.\nPage 1 of 2",
        "Spine Journal · Vol. 3\nSteroids are given before surgery.\nPage 2 of 2",
    ]
    text, headings = layout_text(pages)
    blocks = text.split("\n\n")
    assert "Spine Journal · Vol. 3" not in blocks and not any("Page" in b for b in blocks)
    assert (
        "Spinal cord compression is treated with decompression of the canal in most "
        "patients with deficits and pain." in blocks
    )
    assert "Introduction" in headings


def test_a_real_pdf_reads_as_a_structured_article(tmp_path: Path) -> None:
    path = tmp_path / "chiari.pdf"
    build_pdf(pdf_pages(), path)
    doc = read_structured(path)
    assert doc.title == "Chiari Malformation Type I: A Review for Residents"
    text = " ".join(b.text for b in doc.blocks)
    assert "cerebellar tonsils at least 5 mm below" in text  # "cerebel-" + "lar" re-joined
    assert "Chiari malformation type III is a rare anomaly" in text
    for noise in ("Page 1", "Milhorat", "2013"):
        assert noise not in text
    assert {b.heading for b in doc.blocks} >= {"Clinical Presentation", "Management"}
