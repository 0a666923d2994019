"""Benchmark the cohort report and the review export, whole process, as an instructor and a
resident wait for them (issue 15).

- ``neuroquiz cohort DIR --decks DECKS``: 500 learners x 20,000 review rows (10,000,000 rows,
  made by make_cohort.py: one real export for the schema and the study cards, the learners
  simulated with the real SM-2; see its docstring), targets <= 5 s and <= 1 GB peak memory;
- ``neuroquiz export reviews``: one learner's real progress database with 1,000,000
  review-log rows (100,000 cards, made by make_big_store.py), target <= 3 s.

The data are made once in ``--work`` and reused (delete the directory to make them again).
Each command runs ``--runs`` times after one warm-up run (the files then in the page cache,
as on an instructor's second look); printed: median and every wall time, and the peak
resident size of the command's process (``os.wait4``'s ``ru_maxrss`` of that child alone).
The machine's load average is printed before and after: the machine may be shared.

Run:
    .venv/bin/python benchmarks/bench_cohort.py [--work /tmp/neuroquiz-bench-cohort]
        [--learners 500] [--reviews 20000] [--runs 5] [--skip-export] [--skip-cohort]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COHORT_SECONDS, COHORT_MB, EXPORT_SECONDS = 5.0, 1024, 3.0
"""The targets of issue 15."""


def _neuroquiz() -> list[str]:
    script = shutil.which("neuroquiz", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "neuroquiz"]


def run_once(argv: list[str]) -> tuple[float, float]:
    """Run ``argv`` to its end; (wall seconds, peak resident MB of that process).

    Raises:
        SystemExit: if the command fails (its stderr is shown).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {errors.decode()}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def measure(name: str, argv: list[str], runs: int, seconds: float, mb: float | None) -> None:
    """Warm up once, run ``runs`` times, print the median, every time and the peak memory."""
    first, _ = run_once(argv)
    samples = [run_once(argv) for _ in range(runs)]
    times = [t for t, _ in samples]
    peak = max(m for _, m in samples)
    median = statistics.median(times)
    verdict = "met" if median <= seconds and (mb is None or peak <= mb) else "NOT met"
    print(f"{name}: median {median:.2f} s of {runs} ({', '.join(f'{t:.2f}' for t in times)}; "
          f"first {first:.2f}), peak {peak:.0f} MB; target <= {seconds:g} s"
          + (f", <= {mb:g} MB" if mb is not None else "") + f": {verdict}")  # fmt: skip
    print(f"  command: {' '.join(argv)}")


def load() -> str:
    """The load averages, as ``uptime`` shows them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def cohort_data(work: Path, learners: int, reviews: int) -> tuple[Path, Path]:
    """The dataset and deck directory (made by make_cohort.py in a subprocess if missing)."""
    out = work / f"cohort-{learners}x{reviews}"
    if not (out / "DONE").exists():
        shutil.rmtree(out, ignore_errors=True)
        print(f"making {out} (once) ...", flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "make_cohort.py"), str(out), "--learners",
             str(learners), "--reviews", str(reviews)],
            check=True,
        )  # fmt: skip
        (out / "DONE").touch()
    return out / "dataset", out / "decks"


def export_db(work: Path, log_rows: int) -> Path:
    """The 100,000-card store with ``log_rows`` review rows (make_big_store.py, once)."""
    db = work / f"store-{log_rows}.db"
    if not (work / f"{db.name}.DONE").exists():
        for leftover in work.glob(f"{db.name}*"):
            leftover.unlink()
        print(f"making {db} (once) ...", flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "make_big_store.py"), str(db), "--log-rows",
             str(log_rows)],
            check=True,
        )  # fmt: skip
        (work / f"{db.name}.DONE").touch()
    return db


def main() -> None:
    """Make the data if needed, then time both commands."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/neuroquiz-bench-cohort"))
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--export-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-cohort", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    unused_db = args.work / "instructor.db"  # cohort reads no database; keep $HOME out of it
    print(f"before: {load()}")
    if not args.skip_cohort:
        dataset, decks = cohort_data(args.work, args.learners, args.reviews)
        argv = [*_neuroquiz(), "--db", str(unused_db), "cohort", str(dataset), "--decks",
                str(decks), "--as-of", "2026-06-01"]  # fmt: skip
        rows = args.learners * args.reviews
        measure(f"cohort ({args.learners} learners, {rows:,} rows)", argv, args.runs,
                COHORT_SECONDS, COHORT_MB)  # fmt: skip
        measure(f"cohort --json ({rows:,} rows)", [*argv, "--json"], args.runs,
                COHORT_SECONDS, COHORT_MB)  # fmt: skip
    if not args.skip_export:
        db = export_db(args.work, args.export_rows)
        out = args.work / "export-out"
        argv = [*_neuroquiz(), "--db", str(db), "export", "reviews", "--out", str(out),
                "--learner", "bench"]  # fmt: skip
        measure(f"export reviews ({args.export_rows:,} log rows)", argv, args.runs,
                EXPORT_SECONDS, None)  # fmt: skip
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
