"""What is asked of the model: the instructions, the JSON Schema of its answer, the request.

:data:`PROMPT_VERSION` is part of the cache key: change it whenever the wording or the
schema changes, so that no response to an older prompt is reused.
"""

from __future__ import annotations

from typing import Any

PROMPT_VERSION = "1"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "cards": {
            "type": "array",
            "maxItems": 12,
            "items": {
                "type": "object",
                "properties": {
                    "question": {"type": "string", "maxLength": 200},
                    "answer": {"type": "string", "maxLength": 60},
                    "source": {"type": "string", "maxLength": 400},
                },
                "required": ["question", "answer", "source"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["cards"],
    "additionalProperties": False,
}
"""Every card is a question, a short answer and the exact sentence it comes from."""

INSTRUCTIONS = (
    "You write flashcards for neurosurgery residents from the text the user gives. "
    "Each card asks one fact the text states. The answer is at most four words, taken from "
    "the text, and must not appear in the question. 'source' is the one sentence of the "
    "text the card comes from, copied exactly. Answer only with JSON: "
    '{"cards": [{"question": ..., "answer": ..., "source": ...}]}.'
)


def request_body(model: str, chunk: str, max_tokens: int) -> dict[str, Any]:
    """The chat-completions request for one chunk: deterministic (temperature 0, fixed seed),
    structured output through ``response_format`` json_schema."""
    return {
        "model": model,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": chunk},
        ],
        "temperature": 0,
        "seed": 0,
        "max_tokens": max_tokens,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "cards", "strict": True, "schema": SCHEMA},
        },
    }
