"""A stdlib HTTP server that replays recorded chat-completions responses, for the rare
failure shapes a real server seldom gives (refusal, overflow, 5xx then success)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, bytes]


def completion(content: str | None, *, refusal: str | None = None, finish: str = "stop") -> Reply:
    """A recorded 200 reply holding ``content``."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    body = {"choices": [{"index": 0, "message": message, "finish_reason": finish}]}
    return 200, json.dumps(body).encode()


def cards(*entries: tuple[str, str, str]) -> Reply:
    """A recorded reply proposing (question, answer, source) cards."""
    data = {"cards": [{"question": q, "answer": a, "source": s} for q, a, s in entries]}
    return completion(json.dumps(data))


@contextmanager
def replay(replies: list[Reply]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Serve ``replies`` in order (the last one repeats); yield the base URL and the
    requests received."""
    received: list[dict[str, Any]] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            with lock:
                received.append(json.loads(self.rfile.read(length)))
                status, body = replies[min(len(received), len(replies)) - 1]
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", received
    finally:
        server.shutdown()
        server.server_close()
