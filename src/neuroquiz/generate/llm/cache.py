"""Responses kept on disk, keyed by (chunk text, model, prompt version).

A re-run reads the same responses and so writes byte-identical decks without calling the
server. Each entry is one file, written atomically; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from neuroquiz.generate.llm.prompt import PROMPT_VERSION


class ResponseCache:
    """A directory of cached responses."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @staticmethod
    def key(chunk: str, model: str, prompt_version: str = PROMPT_VERSION) -> str:
        """The cache key of a request."""
        data = json.dumps([chunk, model, prompt_version], ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The cached response text, or None."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, str) else None

    def put(self, key: str, content: str) -> None:
        """Store a response (atomically; a failure to store is not an error)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"content": content}, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            return
