"""The lines a person sees: the app's screenshot read back as rows of text.

The SVG screenshot places every run of text at its column (x / cell width), so the rows
are rebuilt cell by cell: what is cut, where a column ends and what is left blank show
exactly as on the terminal.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TEXT = re.compile(r'<text[^>]*? x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
_CELL_WIDTH = 12.2  # Textual's SVG export: one cell is 12.2 units wide


def screen_lines(app: Any) -> list[str]:
    """Every row of the app's screen, trailing blanks removed, top to bottom."""
    body = app.export_screenshot().split("</style>", 1)[-1]
    rows: dict[float, dict[int, str]] = {}
    for match in _TEXT.finditer(body):
        x, y, text = float(match[1]), float(match[2]), html.unescape(match[3])
        row = rows.setdefault(y, {})
        start = round(x / _CELL_WIDTH)
        for offset, char in enumerate(text.replace("\xa0", " ")):
            row[start + offset] = char
    lines = []
    for y in sorted(rows):
        cells = rows[y]
        lines.append("".join(cells.get(i, " ") for i in range(max(cells) + 1)).rstrip())
    return lines
