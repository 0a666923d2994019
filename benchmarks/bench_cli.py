"""How fast the command line answers: `neuroquiz --help` and `neuroquiz --version`.

Target (issue: core engine): `neuroquiz --help` in under 0.3 s, which needs Textual, pydantic
and sqlite-utils to be imported lazily. Prints the median of 10 runs of each command.

Run: python benchmarks/bench_cli.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _time(argv: list[str], runs: int = 10) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    """Time the console script (or ``python -m neuroquiz`` when it is not on PATH)."""
    script = shutil.which("neuroquiz", path=str(Path(sys.executable).parent))
    base = [script] if script else [sys.executable, "-m", "neuroquiz"]
    for args in (["--help"], ["--version"], ["check", "--help"]):
        seconds = _time([*base, *args])
        print(f"neuroquiz {' '.join(args):<14} median {seconds * 1000:6.0f} ms (target 300 ms)")


if __name__ == "__main__":
    main()
