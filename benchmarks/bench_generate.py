"""Benchmark the card generator: words/s, cards/s and peak memory on 1 MB and 10 MB inputs.

The input is the seed documents repeated with seeded variations (word substitutions,
shuffled sentences, numbers), so that no two copies are identical and the pipeline cannot
skip work. Each size runs in a fresh subprocess so that peak RSS is that run's own.

Usage:
    python benchmarks/bench_generate.py            # 1 MB and 10 MB
    python benchmarks/bench_generate.py 2 5        # other sizes, in MB
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "decks" / "sources").glob("*.txt"))
SWAPS = [
    ("tumor", "lesion"),
    ("tumors", "lesions"),
    ("surgery", "operation"),
    ("often", "frequently"),
    ("MRI", "CT"),
    ("radiotherapy", "radiation therapy"),
    ("significant", "marked"),
    ("patients", "cases"),
    ("spinal cord", "cauda equina"),
    ("rare", "uncommon"),
]


def make_document(megabytes: float, seed: int = 7) -> str:
    """Seed texts repeated with variations up to ``megabytes`` of text.

    Every sentence gets its own variation (a substitution and a cohort size), so that no
    sentence repeats and the pipeline does its full work on each one.
    """
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    parts = ["Benchmark Document on Neuro-oncology\n"]
    size, copy = 0, 0
    while size < megabytes * 1_000_000:
        copy += 1
        paragraphs = [p for p in texts[copy % len(texts)].split("\n") if p.strip()]
        rng.shuffle(paragraphs)
        varied = []
        for paragraph in paragraphs:
            sentences = re.split(r"(?<=[.!?]) (?=[A-Z])", paragraph)
            for i, sentence in enumerate(sentences):
                old, new = rng.choice(SWAPS)
                sentence = re.sub(rf"\b{re.escape(old)}\b", new, sentence)
                if sentence.endswith("."):
                    sentence = f"{sentence[:-1]} (n = {rng.randint(10, 999)})."
                sentences[i] = sentence
            varied.append(" ".join(sentences))
        chunk = "\n\n".join(varied) + "\n\n"
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)


def run_once(megabytes: float) -> dict[str, float]:
    """Generate a deck from a document of ``megabytes`` and measure it (in this process)."""
    from neuroquiz.generate import generate_decks
    from neuroquiz.generate.read import MAX_BYTES

    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "bench.txt"
        doc.write_text(make_document(megabytes), encoding="utf-8")
        words = len(doc.read_text(encoding="utf-8").split())
        start = time.perf_counter()
        report = generate_decks(
            [doc], Path(tmp) / "decks", max_bytes=max(MAX_BYTES, doc.stat().st_size)
        )
        seconds = time.perf_counter() - start
    (outcome,) = report.outcomes
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "megabytes": megabytes,
        "words": words,
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "cards": outcome.cards,
        "cards_per_s": round(outcome.cards / seconds, 1),
        "peak_rss_mb": round(peak_mb),
    }


def run_small(repeats: int = 20) -> dict[str, float]:
    """Generate the seed and held-out documents ``repeats`` times: cards/s on real text."""
    from neuroquiz.generate import generate_decks

    data = ROOT / "tests" / "unit" / "generate" / "data"
    docs = sorted(data.glob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in docs) * repeats
    cards = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            report = generate_decks(docs, Path(tmp) / str(i))
            cards += sum(o.cards for o in report.outcomes)
    seconds = time.perf_counter() - start
    return {
        "docs": len(docs) * repeats,
        "words": words,
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "cards": cards,
        "cards_per_s": round(cards / seconds, 1),
    }


def main() -> None:
    """Run each size in a subprocess and print one line of figures per size."""
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(run_once(float(sys.argv[2]))))
        return
    small = run_small()
    print(
        f"{small['docs']} small documents  {small['words']:,} words  {small['seconds']} s  "
        f"{small['words_per_s']:,} words/s  {small['cards']} cards ({small['cards_per_s']} cards/s)"
    )
    sizes = [float(a) for a in sys.argv[1:]] or [1.0, 10.0]
    for megabytes in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(megabytes)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        print(
            f"{figures['megabytes']:>5} MB  {figures['words']:>9,} words  "
            f"{figures['seconds']:>6} s  "
            f"{figures['words_per_s']:>7,} words/s  {figures['cards']:>4} cards "
            f"({figures['cards_per_s']} cards/s)  peak RSS {figures['peak_rss_mb']} MB"
        )


if __name__ == "__main__":
    main()
