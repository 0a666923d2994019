"""The README stays true: its ``neuroquiz`` commands exist, and so do its images.

Every ``neuroquiz ...`` line in a fenced code block or an inline code span is resolved
against the real click command tree (sub-commands of groups such as ``export anki`` too), and
every option it uses must be an option of the command it follows. Every image the README
links must exist in the repository.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from neuroquiz.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"

_FENCE_RE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INLINE_RE = re.compile(r"`([^`\n]+)`")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)")
_SHELL_BREAKS = {"|", "||", "&&", ";", ">", ">>", "<"}
_PLACEHOLDER_CHARS = "[]()"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def code_snippets(markdown: str) -> list[str]:
    """The lines of every fenced code block, then every inline code span outside them."""
    snippets: list[str] = []
    for block in _FENCE_RE.findall(markdown):
        snippets.extend(block.splitlines())
    prose = _FENCE_RE.sub("", markdown)
    snippets.extend(_INLINE_RE.findall(prose))
    return snippets


def neuroquiz_invocations(snippet: str) -> list[list[str]]:
    """The arguments after each ``neuroquiz`` word of a shell snippet (up to ``|``, ``&&``...).

    ``.venv/bin/neuroquiz`` counts as ``neuroquiz``; ``# comments`` are dropped.
    """
    try:
        words = shlex.split(snippet, comments=True)
    except ValueError:  # an unbalanced quote in prose: split on blanks instead
        words = snippet.split()
    found: list[list[str]] = []
    for index, word in enumerate(words):
        if word.rsplit("/", 1)[-1] != "neuroquiz":
            continue
        args: list[str] = []
        for arg in words[index + 1 :]:
            if arg in _SHELL_BREAKS:
                break
            args.append(arg)
        found.append(args)
    return found


def _option_names(command: click.Command) -> set[str]:
    names = {"--help", "-h"}
    for param in command.params:
        if isinstance(param, click.Option):
            names.update(param.opts)
            names.update(param.secondary_opts)
    return names


def _takes_value(command: click.Command, name: str) -> bool:
    for param in command.params:
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return not param.is_flag and not param.count
    return False


def check_invocation(args: list[str]) -> list[str]:
    """Problems with ``neuroquiz ARGS``: unknown sub-commands and unknown options.

    Words in square brackets or parentheses are placeholders (``[--out DIR]``); their
    brackets are ignored, so ``[--out`` is checked as ``--out``.
    """
    problems: list[str] = []
    command: click.Command = cli
    path = "neuroquiz"
    words = [arg.strip(_PLACEHOLDER_CHARS) for arg in args]
    position = 0
    while position < len(words):
        word = words[position]
        position += 1
        if not word or word == "...":
            continue
        if word.startswith("-") and word != "-":
            name = word.split("=", 1)[0]
            if name not in _option_names(command):
                problems.append(f"{path}: no option {name}")
            elif "=" not in word and _takes_value(command, name):
                position += 1  # the option's value
            continue
        if isinstance(command, click.Group):
            sub = command.commands.get(word)
            if sub is None:
                if word.isupper() or word.endswith("..."):
                    continue  # a placeholder such as COMMAND
                problems.append(f"{path}: no command {word!r}")
                break
            command, path = sub, f"{path} {word}"
            continue
        # A positional argument of a leaf command (a path, a deck id): nothing to check.
    return problems


def test_parser_finds_commands_and_rejects_unknown_ones() -> None:
    """The checker itself: real commands pass, misspelt commands and options fail."""
    assert neuroquiz_invocations("cd x && .venv/bin/neuroquiz --db a.db sync | cat") == [
        ["--db", "a.db", "sync"]
    ]
    assert check_invocation(["--decks", "d", "export", "anki", "-o", "x.apkg"]) == []
    assert check_invocation(["check", "[PATH...]"]) == []
    assert check_invocation(["import", "anki", "x.apkg", "[--out", "DIR]"]) == []
    assert check_invocation(["exports", "anki"]) == ["neuroquiz: no command 'exports'"]
    assert check_invocation(["export", "ankii"]) == ["neuroquiz export: no command 'ankii'"]
    assert check_invocation(["stats", "--jsonn"]) == ["neuroquiz stats: no option --jsonn"]


def test_readme_mentions_neuroquiz_commands() -> None:
    """Guard against a vacuous pass: the README does show commands and sub-commands."""
    invocations = [
        args for snippet in code_snippets(_readme()) for args in neuroquiz_invocations(snippet)
    ]
    first_words = {args[0] for args in invocations if args}
    assert {"check", "generate", "export", "import"} <= first_words


def test_every_readme_command_is_a_real_cli_command() -> None:
    problems = [
        f"`neuroquiz {' '.join(args)}`: {problem}"
        for snippet in code_snippets(_readme())
        for args in neuroquiz_invocations(snippet)
        for problem in check_invocation(args)
    ]
    assert problems == []


def readme_images(markdown: str) -> list[str]:
    """The targets of every ``![alt](target)`` image link."""
    return _IMAGE_RE.findall(markdown)


def test_image_links_are_found() -> None:
    assert readme_images('a ![Home](docs/home.svg) b ![x](y.png "title") [z](z.md)') == [
        "docs/home.svg",
        "y.png",
    ]
    assert readme_images(_readme()), "the README links no image: is the pattern broken?"


@pytest.mark.parametrize("target", readme_images(_readme()))
def test_every_readme_image_exists(target: str) -> None:
    assert not re.match(r"[a-z]+://", target), f"{target}: link a file in the repository"
    assert (README.parent / target).is_file(), f"{target} is linked from README.md but missing"
