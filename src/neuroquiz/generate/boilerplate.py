"""Text shared by several documents of one run is a site's boilerplate, not knowledge.

Sentences are compared by word 4-gram shingles, so a boilerplate paragraph is found even
when each page fills in its own topic ("Symptoms of X listed here come from ...").
A sentence is boilerplate when most of its shingles occur in another document; a paragraph
is dropped when most of its sentences are.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import replace

from neuroquiz.generate.clean import CleanDocument, Paragraph
from neuroquiz.generate.sentences import split_sentences

SHINGLE = 4
SHARED = 0.6
"""Share of a sentence's shingles seen in another document that makes it boilerplate."""
_SAMPLE = 2
"""Keep one shingle hash in this many, to bound memory on very large runs."""


def _shingles(sentence: str) -> set[int]:
    words = re.findall(r"[a-z0-9]+", sentence.lower())
    if len(words) < SHINGLE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    grams = (" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    hashes = {zlib.crc32(g.encode()) for g in grams}
    sampled = {h for h in hashes if h % _SAMPLE == 0}
    return sampled or hashes


def remove_boilerplate(documents: list[CleanDocument]) -> tuple[list[CleanDocument], list[int]]:
    """Drop the sentences that several documents of the run share.

    Args:
        documents: Every clean document of one run.

    Returns:
        The documents without boilerplate, and how many sentences each one lost.
    """
    if len(documents) < 2:
        return documents, [0] * len(documents)
    frequency: Counter[int] = Counter()
    for document in documents:
        seen: set[int] = set()
        for paragraph in document.paragraphs:
            for sentence in split_sentences(paragraph.text):
                seen |= _shingles(sentence)
        frequency.update(seen)
    cleaned: list[CleanDocument] = []
    removed: list[int] = []
    for document in documents:
        paragraphs: list[Paragraph] = []
        lost = 0
        for paragraph in document.paragraphs:
            sentences = split_sentences(paragraph.text)
            shared = [_is_shared(s, frequency) for s in sentences]
            if sentences and sum(shared) * 2 >= len(sentences) and sum(shared) > 0:
                lost += len(sentences)
                continue
            kept = [s for s, bad in zip(sentences, shared, strict=True) if not bad]
            lost += len(sentences) - len(kept)
            if kept:
                paragraphs.append(replace(paragraph, text=" ".join(kept)))
        cleaned.append(replace(document, paragraphs=tuple(paragraphs)))
        removed.append(lost)
    return cleaned, removed


def _is_shared(sentence: str, frequency: Counter[int]) -> bool:
    shingles = _shingles(sentence)
    if not shingles:
        return False
    shared = sum(1 for h in shingles if frequency[h] >= 2)
    return shared / len(shingles) >= SHARED
