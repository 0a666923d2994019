"""The optional LLM engine: cards from an OpenAI-compatible server, through the same gate.

:mod:`.chunks` splits a document along its structure, :mod:`.prompt` holds the request
and its JSON Schema, :mod:`.client` talks to the server (urllib, bounded retries),
:mod:`.cache` keeps every response on disk, :mod:`.ground` checks each card against the
document and :mod:`.gate <neuroquiz.generate.gate>`, and :mod:`.engine` runs it all.
Nothing is sent anywhere unless this engine is chosen.
"""

from __future__ import annotations

from neuroquiz.generate.llm.client import LlmConfig, LlmError
from neuroquiz.generate.llm.engine import generate_llm_decks

__all__ = ["LlmConfig", "LlmError", "generate_llm_decks"]
