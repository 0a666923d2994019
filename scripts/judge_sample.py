"""Draw the seeded sample a blind judge sees (../shared/JUDGING.md, step 2).

    neuroquiz generate ../shared/devset/docs/*.txt ../shared/seeds/*.txt \
        benchmarks/evalset/docs/* --out /tmp/judge/decks
    python scripts/judge_sample.py /tmp/judge/decks 20261205 > /tmp/judge/cards.md

Each cloze number is its own item (its blanks hidden together); no ids, deck names or rule
names are shown.
"""

from __future__ import annotations

import pathlib
import random
import re
import sys

import yaml

CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}")


def main() -> None:
    """Print the sample as Markdown."""
    decks, seed = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    items = []
    for path in sorted(decks.glob("*.yaml")):
        for card in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cards") or []:
            source = " ".join((card.get("source") or {}).get("sentences", []))
            if card["type"] == "cloze":
                numbers = dict.fromkeys(n for n, _a in CLOZE.findall(card["text"]))
                for n in numbers:  # one study item per cloze number, all its blanks hidden
                    answer = " / ".join(a for m, a in CLOZE.findall(card["text"]) if m == n)
                    shown = CLOZE.sub(
                        lambda m, n=n: "[...]" if m.group(1) == n else m.group(2), card["text"]
                    )
                    items.append(("cloze", shown, answer, source))
            else:
                items.append(("basic", card["front"], card["back"], source))
    sample = random.Random(seed).sample(items, min(85, len(items)))
    print(f"# {len(sample)} cards (seeded sample, seed {seed}, of {len(items)} study items)\n")  # noqa: T201
    for i, (kind, front, answer, source) in enumerate(sample, 1):
        print(f"## {i}. {kind}\n- Card: {front}\n- Answer: {answer}\n- Source: {source}\n")  # noqa: T201


if __name__ == "__main__":
    main()
