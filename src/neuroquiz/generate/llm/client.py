"""One chat-completions request to an OpenAI-compatible server, with bounded retries.

Only the standard library (:mod:`urllib.request`). Transient failures (connection refused,
timeout, HTTP 429 and 5xx) are retried with exponential backoff; everything else fails at
once with an :class:`LlmError` whose message is one line naming the cause.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from neuroquiz.errors import NeuroquizError


class LlmError(NeuroquizError):
    """The server could not give a usable answer (the message names the cause)."""


@dataclass(frozen=True)
class LlmConfig:
    """How to reach the server.

    Attributes:
        url: Base URL of the OpenAI-compatible API, e.g. ``http://127.0.0.1:8080/v1``.
        model: Model name sent with each request.
        api_key: Bearer token, or None.
        timeout: Seconds to wait for one response.
        retries: Extra attempts after a transient failure.
        backoff: Seconds before the first retry; doubled each time.
        max_tokens: Most tokens one response may hold.
        concurrency: Requests in flight at once.
        context_chars: Most characters of document text in one request.
    """

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 120.0
    retries: int = 2
    backoff: float = 1.0
    max_tokens: int = 1024
    concurrency: int = 2
    context_chars: int = 3000


_TRANSIENT_HTTP = frozenset({408, 429, 500, 502, 503, 504})


def chat(config: LlmConfig, body: dict[str, Any]) -> str:
    """POST ``body`` to ``/chat/completions`` and return the first choice's message text.

    Raises:
        LlmError: server down, timeout, HTTP error, a reply that is not a completion, a
            refusal or a context overflow (after the retries, for transient ones).
    """
    delay = config.backoff
    for attempt in range(config.retries + 1):
        try:
            try:
                return _message(_post(config, body))
            except LlmError as error:
                fallback = _json_object_body(body)
                if fallback is None or "response_format" not in error.message:
                    raise
                return _message(_post(config, fallback))
        except _TransientError as error:
            if attempt == config.retries:
                raise LlmError(f"{error} (after {attempt + 1} attempts)") from None
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _json_object_body(body: dict[str, Any]) -> dict[str, Any] | None:
    """The same request in llama-cpp-python's dialect (``json_object`` with a ``schema``),
    for a server that refuses ``json_schema``; None if ``body`` asks for no schema."""
    response_format = body.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_schema":
        return None
    schema = response_format.get("json_schema", {}).get("schema")
    return {**body, "response_format": {"type": "json_object", "schema": schema}}


class _TransientError(Exception):
    """A failure worth retrying."""


def _post(config: LlmConfig, body: dict[str, Any]) -> dict[str, Any]:
    url = config.url.rstrip("/") + "/chat/completions"
    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        detail = _error_detail(error)
        if _overflow(detail):
            raise LlmError(f"context overflow: {detail}") from None
        if detail.startswith("response_format refused"):  # llama-cpp-python answers 500
            raise LlmError(f"HTTP {error.code} from {url}: {detail}") from None
        if error.code in _TRANSIENT_HTTP:
            raise _TransientError(f"HTTP {error.code} from {url}") from None
        raise LlmError(f"HTTP {error.code} from {url}: {detail}") from None
    except TimeoutError:
        raise _TransientError(f"timeout after {config.timeout:g} s waiting for {url}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise _TransientError(f"timeout after {config.timeout:g} s waiting for {url}") from None
        cause = getattr(reason, "strerror", None) or reason
        raise _TransientError(f"cannot reach {url}: {cause}") from None
    except (ConnectionError, OSError) as error:
        raise _TransientError(f"cannot reach {url}: {error.strerror or error}") from None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise LlmError(f"the server's reply is not JSON ({url})") from None
    if not isinstance(data, dict):
        raise LlmError(f"the server's reply is not a completion ({url})")
    return data


def _message(data: dict[str, Any]) -> str:
    """The text of the first choice, or an error naming what went wrong."""
    try:
        choice = data["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        raise LlmError("the server's reply is not a chat completion") from None
    refusal = message.get("refusal") if isinstance(message, dict) else None
    if refusal:
        raise LlmError(f"the model refused: {' '.join(str(refusal).split())[:120]}")
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(choice, dict) and choice.get("finish_reason") == "length":
        raise LlmError("the answer was cut off at the token limit (max_tokens)")
    if not isinstance(content, str) or not content.strip():
        raise LlmError("the model gave an empty answer")
    return content


def _error_detail(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read().decode("utf-8", "replace")
    except OSError:
        return error.reason or ""
    try:
        data = json.loads(text)
        if isinstance(data, dict) and isinstance(data.get("error"), dict):
            text = str(data["error"].get("message", text))
        elif isinstance(data, dict) and "detail" in data:
            text = str(data["detail"])
    except ValueError:
        pass
    text = " ".join(text.split())
    tag = "response_format refused: " if "response_format" in text else ""
    return tag + text[:200]


def _overflow(detail: str) -> bool:
    lowered = detail.lower()
    return "context" in lowered and any(w in lowered for w in ("exceed", "length", "window"))
