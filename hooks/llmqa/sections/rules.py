"""The rules of one page: input and identity here, structure and correction notes in structure.py.

Plain Python, no MkDocs import; across pages: parity.py; the whole project: project.py.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable
from pathlib import Path

from llmqa.safety.limits import check_limits
from llmqa.safety.messages import code_point
from llmqa.sections.front_matter import check_fields
from llmqa.sections.model import (
    MAX_SECTION_ID,
    MAX_TITLE_LENGTH,
    RECORD_FIELD,
    SLUG_RE,
    is_section_id,
)
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem
from llmqa.sections.structure import check_structure


def check_page(page: SectionPage, language: str, is_original: bool) -> list[Problem]:
    """The rules that need one section page only: input, identity, structure."""
    problems = check_input(page)
    if not page.readable:
        return problems
    problems += check_identity(page, language, is_original)
    problems += check_structure(page, language)
    return problems


def check_other_page(page: SectionPage) -> list[Problem]:
    """A page that is not a section (home, topics): it is read as text and its front matter checked."""
    problems = check_input(page)
    if not page.readable:
        return problems
    if page.front_matter_error:
        problems.append(
            Problem(page.path, page.front_matter_error[0], "identity", page.front_matter_error[1])
        )
    name = page.path.rsplit("/", 1)[-1]
    for line, message in check_fields(page.front_matter or {}, page.field_line, False, name):
        problems.append(Problem(page.path, line, "identity", message))
    return problems


# --- input ---------------------------------------------------------------------------------------


def check_input(page: SectionPage) -> list[Problem]:
    """Text that can be read, with no invisible control characters, within the renderer's limits."""
    if page.decode_error:
        line, message = page.decode_error
        return [Problem(page.path, line, "input", message)]
    problems = [
        Problem(
            page.path,
            line,
            "input",
            f"this line holds an invisible control character ({code_point(char)}): delete it",
        )
        for line, char in page.control_chars
    ]
    problems += [Problem(page.path, line, "input", message) for line, message in check_limits(page)]
    return problems


# --- identity ------------------------------------------------------------------------------------


def check_identity(page: SectionPage, language: str, is_original: bool) -> list[Problem]:
    """The file name, the front matter and its section fields, and the page's one title."""
    found = file_name_problems(page.path)
    found += front_matter_problems(page)
    meta = page.front_matter
    if meta is not None:
        found += id_problems(meta, page.field_line)
        found += tags_problems(meta, page.field_line)
        found += related_problems(meta, page.field_line)
        found += check_fields(meta, page.field_line, is_section=True)
        found += record_problems(meta, page.field_line, is_original)
    if not page.front_matter_unclosed:
        found += title_problems(page)
    return [Problem(page.path, line, "identity", message) for line, message in found]


def file_name_problems(path: str) -> list[tuple[int, str]]:
    """The file name is a slug."""
    name = Path(path).name
    stem = name[:-3] if name.endswith(".md") else name
    if SLUG_RE.match(stem):
        return []
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "section-name"
    return [
        (
            1,
            f"file name '{name}' is not a slug: use lowercase ASCII letters, digits and '-', "
            f"e.g. '{suggestion}.md'",
        )
    ]


def front_matter_problems(page: SectionPage) -> list[tuple[int, str]]:
    """The page has front matter, and it could be read."""
    if page.front_matter_error:
        return [page.front_matter_error]
    if page.front_matter is None:
        return [
            (
                1,
                "no front matter: start the file with '---', 'id: <section number>', "
                "'tags:' and its topics, '---'",
            )
        ]
    return []


def id_problems(meta: dict, field_line: Callable[[str], int]) -> list[tuple[int, str]]:
    """'id' is there and is the section's number."""
    if "id" not in meta:
        return [(1, "the front matter has no 'id': add 'id: <section number>', e.g. 'id: 5'")]
    section_id = meta["id"]
    if not is_section_id(section_id):
        return [
            (
                field_line("id"),
                f"'id' must be a whole number from 1 to {MAX_SECTION_ID}, not {reprlib.repr(section_id)}: "
                "write e.g. 'id: 5'",
            )
        ]
    return []


def tags_problems(meta: dict, field_line: Callable[[str], int]) -> list[tuple[int, str]]:
    """'tags' is there and lists topic names, each once."""
    if "tags" not in meta:
        return [
            (
                1,
                "the front matter has no 'tags': add 'tags:' and the section's topics, "
                "one '  - <topic>' line each",
            )
        ]
    tags = meta["tags"]
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t.strip() for t in tags):
        return [(field_line("tags"), "'tags' must be a list of topic names, one '  - <topic>' line each")]
    if len(set(tags)) != len(tags):
        return [(field_line("tags"), "a tag is listed twice: list each topic once")]
    return []


def related_problems(meta: dict, field_line: Callable[[str], int]) -> list[tuple[int, str]]:
    """'related', if there, lists sections by file name."""
    related = meta.get("related")
    if "related" not in meta or (
        isinstance(related, list) and all(isinstance(r, str) and SLUG_RE.match(r) for r in related)
    ):
        return []
    return [
        (
            field_line("related"),
            "'related' must list sections by file name without '.md', e.g. 'related: [overfitting]'",
        )
    ]


def record_problems(meta: dict, field_line: Callable[[str], int], is_original: bool) -> list[tuple[int, str]]:
    """Only a translation records the version of its original."""
    if is_original and RECORD_FIELD in meta:
        return [(field_line(RECORD_FIELD), f"'{RECORD_FIELD}' belongs on translations only: remove it here")]
    return []


def title_problems(page: SectionPage) -> list[tuple[int, str]]:
    """One '# ' title, not empty, above the first block."""
    titles = [h for h in page.headings if h.level == 1]
    if not titles:
        return [
            (page.body_line, "the page has no title: add a line '# <title>' right after the front matter")
        ]
    found = [
        (
            extra.line,
            f"a second title '{extra.source}' (the first is at line {titles[0].line}): a page has one "
            "'# ' title; use '### ' for a heading inside a block",
        )
        for extra in titles[1:]
    ]
    if not titles[0].text:
        found.append((titles[0].line, "the title is empty: write the section's title after '# '"))
    if len(titles[0].text) > MAX_TITLE_LENGTH:
        found.append(
            (
                titles[0].line,
                f"the title is {len(titles[0].text)} characters long (at most {MAX_TITLE_LENGTH}): "
                "shorten it",
            )
        )
    if page.blocks and titles[0].line > page.blocks[0].heading.line:
        found.append((titles[0].line, "the title comes after the first block: move the '# ' line above it"))
    return found
