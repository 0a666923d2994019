"""Anki interop: .apkg and TSV export, .apkg/.colpkg import.

Pure over the models: callers pass decks (and, for progress, a mapping of study key to
:class:`CardProgress`); nothing here opens the progress store. genanki is imported only by
:mod:`neuroquiz.anki.notetypes`.
"""

from neuroquiz.anki.export_apkg import export_apkg
from neuroquiz.anki.export_tsv import export_tsv
from neuroquiz.anki.import_apkg import ImportResult, import_package
from neuroquiz.anki.notes import ExportReport
from neuroquiz.anki.progress import CardProgress

__all__ = [
    "CardProgress",
    "ExportReport",
    "ImportResult",
    "export_apkg",
    "export_tsv",
    "import_package",
]
