"""Run the benchmarks one after the other and print their figures, then one table.

Each benchmark runs in its own process (so one's imports and caches do not help another)
and prints its figures; the lines it prints starting with "| " are table rows (what a user
waits for | neuroquiz | Anki | ratio), gathered at the end into the table the README shows,
headed by the machine they were measured on.

Run: .venv/bin/python benchmarks/run_all.py [--cards 100000] [--only bench_commands ...]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

BENCHMARKS: dict[str, list[str]] = {
    "bench_cli": [],
    "bench_commands": ["--cards", "{cards}"],
    "bench_anki": [],
    "bench_study": [],
}
"""The benchmarks run, with their arguments ("{cards}" is --cards)."""


def machine() -> str:
    """One line naming the machine: CPU model, cores, Python, SQLite."""
    import sqlite3

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def main() -> None:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS))
    args = parser.parse_args()
    rows: list[str] = []
    for name, template in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        argv = [arg.format(cards=args.cards) for arg in template]
        print(f"== {name} {' '.join(argv)}", flush=True)
        proc = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py"), *argv], capture_output=True, text=True
        )
        print(proc.stdout, end="")
        if proc.returncode:
            print(f"{name} failed ({proc.returncode}):\n{proc.stderr}")
        rows.extend(line for line in proc.stdout.splitlines() if line.startswith("| "))
    print(f"\nMeasured on: {machine()}")
    print("| what a user waits for | neuroquiz | Anki | ratio |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
