"""neuroquiz: learn neurosurgery from the terminal with SM-2 spaced repetition."""

__version__ = "0.1.0"
