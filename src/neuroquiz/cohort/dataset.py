"""Find the learners' files under the directories given, and check them before any query.

Each directory given is a dataset (it holds ``learner=<id>/`` partitions) or one learner's
partition itself. Every problem is one :class:`NeuroquizError` naming the path: a directory
that holds no learner, a partition missing a file, a file that is not Parquet or lacks a
column, and a learner found twice. Only the files' footers are read here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neuroquiz.cohort.layout import (
    CARD_COLUMNS,
    CARDS_FILE,
    PARTITION_KEY,
    REVIEW_COLUMNS,
    REVIEWS_FILE,
    learner_of,
    partition_name,
)
from neuroquiz.errors import NeuroquizError

if TYPE_CHECKING:
    import pyarrow as pa

_MAGIC = b"PAR1"


@dataclass(frozen=True)
class LearnerFiles:
    """One learner's partition.

    Attributes:
        learner: The learner id (from the directory name).
        directory: The partition directory.
    """

    learner: str
    directory: Path

    @property
    def reviews(self) -> Path:
        """Its ``reviews.parquet``."""
        return self.directory / REVIEWS_FILE

    @property
    def cards(self) -> Path:
        """Its ``cards.parquet``."""
        return self.directory / CARDS_FILE


def find_learners(roots: Sequence[Path], *, check_files: bool = True) -> list[LearnerFiles]:
    """Every learner partition under ``roots``, checked, sorted by learner id.

    Args:
        roots: Datasets or single partitions.
        check_files: Also read each file's footer and check its columns (about a
            millisecond a file); False checks only the directories and file names.

    Raises:
        NeuroquizError: naming the path, for a directory that is missing or holds no
            learner, a partition without both files, a file of another shape, or a learner
            id found in two places.
    """
    found: dict[str, LearnerFiles] = {}
    for root in roots:
        for item in _partitions(root):
            other = found.get(item.learner)
            if other is not None:
                raise NeuroquizError(
                    f"learner {item.learner!r} is also in {other.directory}: "
                    "give each learner's export once",
                    path=item.directory,
                )
            found[item.learner] = item
    learners = [found[name] for name in sorted(found)]
    for item in learners if check_files else ():
        check_file(item.reviews, "reviews", REVIEW_COLUMNS)
        check_file(item.cards, "cards", CARD_COLUMNS)
    return learners


def _partitions(root: Path) -> list[LearnerFiles]:
    if not root.is_dir():
        problem = "no such directory" if not root.exists() else "is not a directory"
        raise NeuroquizError(problem, path=root)
    own = learner_of(root)
    try:
        candidates = [root] if own is not None else sorted(root.iterdir())
    except OSError as error:
        raise NeuroquizError(f"cannot read it ({error.strerror or error})", path=root) from error
    partitions: list[LearnerFiles] = []
    for directory in candidates:
        if not directory.name.startswith(f"{PARTITION_KEY}=") or not directory.is_dir():
            continue
        learner = learner_of(directory)
        if learner is None:
            raise NeuroquizError(
                "not a usable learner id (letters, digits, '.', '_' or '-')", path=directory
            )
        for name in (REVIEWS_FILE, CARDS_FILE):
            if not (directory / name).is_file():
                raise NeuroquizError(f"{name} is missing", path=directory)
        partitions.append(LearnerFiles(learner=learner, directory=directory))
    if not partitions:
        raise NeuroquizError(
            f"no learner data here (expected {partition_name('<id>')}/{REVIEWS_FILE}, "
            "written by 'neuroquiz export reviews')",
            path=root,
        )
    return partitions


def check_file(path: Path, table: str, columns: dict[str, str]) -> None:
    """Check that ``path`` is a Parquet file with every column of ``columns``, each holding
    the kind of value expected (extra columns are allowed).

    Raises:
        NeuroquizError: naming the file and the first problem.
    """
    import pyarrow.parquet as pq

    what = f"not a neuroquiz {table} file"
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            size = handle.seek(0, 2)
            handle.seek(max(0, size - 4))
            tail = handle.read(4)
    except OSError as error:
        raise NeuroquizError(f"cannot read it ({error.strerror or error})", path=path) from error
    if size < 12 or head != _MAGIC or tail != _MAGIC:
        raise NeuroquizError(f"{what} (not a Parquet file)", path=path)
    try:
        schema = pq.read_schema(path)
    except Exception as error:  # pyarrow's ArrowInvalid, ArrowIOError...: a damaged footer
        raise NeuroquizError(f"{what} (damaged: {one_line(error)})", path=path) from error
    for name, kind in columns.items():
        index = schema.get_field_index(name)
        if index < 0:
            raise NeuroquizError(f"{what} (no column {name!r})", path=path)
        if not _KINDS[kind](schema.field(index).type):
            raise NeuroquizError(
                f"{what} (column {name!r} holds {schema.field(index).type}, expected {kind})",
                path=path,
            )


def _is(*names: str) -> Callable[[pa.DataType], bool]:
    def check(type_: pa.DataType) -> bool:
        import pyarrow.types as pt

        if pt.is_dictionary(type_):
            type_ = type_.value_type
        tests = (getattr(pt, name, None) for name in names)  # view types: newer pyarrow only
        return any(test is not None and test(type_) for test in tests)

    return check


_KINDS: dict[str, Callable[[pa.DataType], bool]] = {
    "string": _is("is_string", "is_large_string", "is_string_view"),
    "int": _is("is_integer"),
    "bool": _is("is_boolean"),
    "date": _is("is_date"),
    "timestamp": _is("is_timestamp"),
    "number": _is("is_decimal", "is_floating", "is_integer"),
    "list": _is("is_list", "is_large_list", "is_list_view"),
}


def one_line(error: BaseException) -> str:
    """An error's message on one line (pyarrow and DuckDB messages may span several)."""
    return " ".join(str(error).split())
