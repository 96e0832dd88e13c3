"""Limits on what a page may ask of the Markdown renderer, checked before anything is rendered.

Python-Markdown takes time that grows with the square of some constructs (nested quotes and lists,
runs of '[' in one paragraph) and recurses on nesting: a page of 20 KB can keep a build busy for
minutes or crash it with a RecursionError. A section needs little nesting, so these limits are far
above what the pages use and far below what hurts. (Page size is limited where files are found:
docs_files.py.) One sequence crashes the renderer outright: '<![' (an SGML marked section, which
Python's HTML parser, under Python-Markdown, refuses with an AssertionError), refused anywhere.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re

from llmqa.sections.page import SectionPage

MAX_NESTING = 8  # quotes and list levels on one line
MAX_BRACKETS = 200  # '[' in one paragraph
MAX_NOTE_NESTING = 3  # '///' blocks inside each other
MAX_HTML_NESTING = 32  # raw HTML elements inside each other (Python-Markdown recurses on each: ~400 crash it)

_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

_MARKER = re.compile(r" {0,3}(?:>|[*+-](?= |$)|[0-9]{1,9}[.)](?= |$)) ?")


def nesting(line: str) -> int:
    """Quote and list levels a line opens: its indent in steps of 4, then each '>' or list marker."""
    indent = len(line) - len(line.lstrip(" "))
    depth = indent // 4
    rest = line[indent:]
    while True:
        match = _MARKER.match(rest)
        if not match or not match.group().strip():
            return depth
        depth += 1
        rest = rest[match.end() :]


def check_limits(page: SectionPage) -> list[tuple[int, str]]:
    """(line, message) for each place that goes over a limit; at most one of each kind."""
    found: list[tuple[int, str]] = []
    deepest = max(((nesting(text), line) for line, text in page.visible), default=(0, 0))
    if deepest[0] > MAX_NESTING:
        found.append(
            (
                deepest[1],
                f"this line nests {deepest[0]} levels of lists, quotes or indentation "
                f"(at most {MAX_NESTING}): flatten it",
            )
        )
    brackets, start, previous = 0, 0, -1
    for line, text in page.visible:
        if line != previous + 1:
            brackets, start = 0, line
        previous = line
        brackets += text.count("[")
        if brackets > MAX_BRACKETS:
            found.append(
                (start, f"this paragraph has more than {MAX_BRACKETS} '[' (links): split it or remove some")
            )
            break
    # Everywhere in the body, code too: whether a line is code is the renderer's call (a line that
    # looks like a fence to this check may be text to pymdownx.superfences, and the reverse).
    marked = next(
        (page.body_line + number for number, text in enumerate(page.body.split("\n")) if "<![" in text), None
    )
    if marked is not None:
        found.append(
            (
                marked,
                "'<![' starts an SGML marked section, which the Markdown renderer cannot read (even in "
                "code): write it as '&lt;![' in text, or with a space, '< ![', in code",
            )
        )
    deep_html = html_nesting(page)
    if deep_html is not None:
        found.append(
            (
                deep_html,
                f"here raw HTML elements sit more than {MAX_HTML_NESTING} deep (<div> in <div>...): "
                "nest them less, or write the structure in Markdown",
            )
        )
    deep_note = next((note for note in page.notes if note.depth > MAX_NOTE_NESTING), None)
    if deep_note is not None:
        found.append(
            (
                deep_note.line,
                f"this '///' block sits {deep_note.depth} blocks deep (at most {MAX_NOTE_NESTING}): "
                "close the blocks around it first",
            )
        )
    return found


def html_nesting(page: SectionPage) -> int | None:
    """The first line where raw HTML elements nest more than MAX_HTML_NESTING deep, or None.

    Counted over the whole body, code too (the renderer decides what is code), in one pass: each start
    tag of an element that is not void goes one deeper, each end tag one back."""
    depth = 0
    for number, text in enumerate(page.body.split("\n")):
        if "<" not in text:
            continue
        for match in _HTML_TAG.finditer(text):
            if match.group(1):
                depth = max(0, depth - 1)
            elif match.group(2).lower() not in _VOID:
                depth += 1
                if depth > MAX_HTML_NESTING:
                    return page.body_line + number
    return None
