"""Tests of the Anki interop package and commands."""
