"""The rules of one page: input, identity, structure, correction notes.

Plain Python, no MkDocs import; across pages: parity.py; the whole project: project.py.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable
from pathlib import Path

from llmqa.safety.limits import check_limits
from llmqa.safety.messages import code_point, non_ascii_note, shown
from llmqa.sections.front_matter import check_fields
from llmqa.sections.model import (
    BLOCK_TITLES,
    BLOCKS,
    ERRATUM_ID_RE,
    ERRATUM_LABEL_RE,
    ERRATUM_TITLE,
    MAX_SECTION_ID,
    MAX_TITLE_LENGTH,
    NOTE_ATTRIBUTES,
    NOTE_KINDS,
    NOTE_OPTIONS,
    RECORD_FIELD,
    SLUG_RE,
    SOURCE_LINE,
    expected_heading,
    is_section_id,
)
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem
from llmqa.sections.scanner import Heading


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


# --- structure -----------------------------------------------------------------------------------


def check_structure(page: SectionPage, language: str) -> list[Problem]:
    """Blocks left open; the four blocks, each once, in order, not empty; text outside them; the tables;
    the notes."""
    problems = [Problem(page.path, line, "structure", message) for line, message in page.unclosed]
    if page.front_matter_unclosed:
        return problems  # the page is all front matter: closing it is the one thing to fix
    seen, found = block_headings(page, language)
    found += missing_block_problems(page, language, seen)
    found += block_order_problems(language, seen)
    found += stray_text_problems(page, language)
    found += example_table_problems(page, seen)
    found += table_row_problems(page)
    found += glued_table_problems(page)
    problems += [Problem(page.path, line, "structure", message) for line, message in found]
    return problems + check_notes(page, language)


def block_headings(page: SectionPage, language: str) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """The blocks the H2 headings name (name -> line of its heading, in page order), and what is wrong
    with the headings: unknown, unanchored or mistitled, repeated, or with nothing under them."""
    seen: dict[str, int] = {}
    found: list[tuple[int, str]] = []
    for block in page.blocks:
        heading = block.heading
        name, problem = block_name(heading, language)
        if problem:
            found.append((heading.line, problem))
        if name is None:
            continue
        if name in seen:
            found.append(
                (
                    heading.line,
                    f"block '{name}' appears twice (first at line {seen[name]}): "
                    f"keep one '{expected_heading(language, name)}' and merge the two",
                )
            )
            continue
        seen[name] = heading.line
        if not block.has_content:
            found.append(
                (
                    heading.line,
                    f"block '{name}' is empty: write the {name} under '{expected_heading(language, name)}' "
                    "(a comment or a sub-heading alone does not count)",
                )
            )
    return seen, found


def block_name(heading: Heading, language: str) -> tuple[str | None, str | None]:
    """The block an H2 heading names (None for none of the four), and what is wrong with it, if anything."""
    titles = BLOCK_TITLES.get(language, {})
    name = heading.anchor
    if name is None:
        by_title = {title.lower(): block for block, title in titles.items()}
        by_title.update({block: block for block in BLOCKS})
        guess = by_title.get(heading.text.lower())
        if guess is None:
            return None, unknown_block_message(heading.source, heading.text, language)
        return guess, f"heading '{heading.source}' has no anchor: write '{expected_heading(language, guess)}'"
    if name not in BLOCKS:
        return None, unknown_block_message(heading.source, heading.text, language)
    if titles and heading.text != titles[name]:
        return name, f"heading '{heading.source}' should read '{expected_heading(language, name)}'"
    return name, None


def missing_block_problems(page: SectionPage, language: str, seen: dict[str, int]) -> list[tuple[int, str]]:
    """Each of the four blocks is there; a missing one is reported where it should start."""
    last_line = page.body_line + page.body.count("\n")
    found: list[tuple[int, str]] = []
    for index, name in enumerate(BLOCKS):
        if name in seen:
            continue
        after = "the title" if index == 0 else f"the {BLOCKS[index - 1]}"
        later = [seen[n] for n in BLOCKS[index + 1 :] if n in seen]
        found.append(
            (
                min(later) if later else last_line,
                f"block '{name}' is missing: expected a heading '{expected_heading(language, name)}' "
                f"after {after}",
            )
        )
    return found


def block_order_problems(language: str, seen: dict[str, int]) -> list[tuple[int, str]]:
    """The blocks come in the order of BLOCKS."""
    found: list[tuple[int, str]] = []
    furthest = -1
    for name, line in seen.items():
        rank = BLOCKS.index(name)
        if rank < furthest:
            found.append(
                (
                    line,
                    f"block '{name}' is out of order: the blocks go {', '.join(BLOCKS)}; "
                    f"move it before '{expected_heading(language, BLOCKS[furthest])}'",
                )
            )
        furthest = max(furthest, rank)
    return found


def stray_text_problems(page: SectionPage, language: str) -> list[tuple[int, str]]:
    """No text between the title and the first block."""
    if page.stray_lines and page.blocks:
        return [
            (
                page.stray_lines[0],
                f"text before '{expected_heading(language, 'question')}' belongs to no block: "
                "move it into a block",
            )
        ]
    return []


def example_table_problems(page: SectionPage, seen: dict[str, int]) -> list[tuple[int, str]]:
    """The example block holds a table."""
    if "example" in seen and not tables_under(page, seen["example"]):
        return [
            (
                seen["example"],
                "block 'example' has no table: the example holds at least one Markdown table "
                "('| a | b |', then '| --- | --- |', then one line per row)",
            )
        ]
    return []


def table_row_problems(page: SectionPage) -> list[tuple[int, str]]:
    """Every row of a table has as many cells as its header."""
    found: list[tuple[int, str]] = []
    for table in page.tables:
        for line, cells in table.bad_rows:
            kind = "the separator row" if line == table.line + 1 else "this row"
            found.append(
                (
                    line,
                    f"{kind} has {cells} cells but the table's header has {table.columns}: "
                    "give every row the same number of '|'-separated cells",
                )
            )
    return found


def glued_table_problems(page: SectionPage) -> list[tuple[int, str]]:
    """A table starts a paragraph (else Markdown does not render it)."""
    return [
        (line, "this table follows a line of text directly, so it is not rendered: add a blank line above it")
        for line in page.glued_tables
    ]


def note_option_problems(note) -> list[tuple[int, str]]:
    """A '///' block is one of the kinds the site uses, and its options are `attrs: {id: ..., class: ...}`."""
    found: list[tuple[int, str]] = []
    if note.kind not in NOTE_KINDS:
        found.append(
            (
                note.line,
                f"unknown block '/// {shown(note.kind, 40)}': use one of " + ", ".join(NOTE_KINDS),
            )
        )
    options = note.options
    if options is None:
        return found
    example = "'    attrs: {id: erratum-1a}'"
    for key in options:
        if key not in NOTE_OPTIONS:
            found.append(
                (
                    note.options_line,
                    f"unknown option {shown(repr(key), 40)} of '/// {shown(note.kind, 40)}': "
                    f"the only option is 'attrs', e.g. {example}",
                )
            )
    attrs = options.get("attrs")
    if "attrs" in options and not isinstance(attrs, dict):
        found.append((note.options_line, f"'attrs' must be a mapping such as {example}"))
        return found
    for key, value in (attrs or {}).items():
        if key not in NOTE_ATTRIBUTES:
            found.append(
                (
                    note.options_line,
                    f"attribute {shown(repr(key), 40)} is not allowed in 'attrs': use 'id' and 'class' only",
                )
            )
        elif not isinstance(value, str):
            found.append(
                (
                    note.options_line,
                    f"'{key}' in 'attrs' must be text, not {shown(repr(value), 40)}: e.g. {example}",
                )
            )
    return found


def tables_under(page: SectionPage, heading_line: int) -> list:
    """The tables (outside notes) of the block whose heading is at heading_line."""
    end = min((b.heading.line for b in page.blocks if b.heading.line > heading_line), default=float("inf"))
    return [t for t in page.tables if heading_line < t.line < end and not t.in_note]


def unknown_block_message(source: str, text: str, language: str) -> str:
    expected = ", ".join(f"'{expected_heading(language, n)}'" for n in BLOCKS)
    return (
        f"unknown block '{source}': a section has exactly the four blocks {expected}; "
        f"make it a sub-heading ('### {text}') inside one of them, or remove it"
    )


def check_notes(page: SectionPage, language: str) -> list[Problem]:
    """Correction notes (`/// erratum`) and the illustrative-figures caption."""
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(page.path, line, "structure", message))

    label, colon = ERRATUM_TITLE.get(language, ("Erratum", ":"))
    seen: dict[str, int] = {}
    for note in page.notes:
        if note.options_error:
            add(note.options_line, note.options_error)
        for line, message in note_option_problems(note):
            add(line, message)
        illustrative = "illustrative" in str(note.attrs.get("class", ""))
        if note.kind == "table-caption" and illustrative and note.follows_table is None:
            add(note.line, "the 'illustrative figures' label must come right after its table: move it there")
        if note.kind != "erratum":
            continue
        note_id = note.attrs.get("id")
        example = f"{label} 1a{colon}{' ' if colon == ':' else ''}<short title>"
        if note_id is not None and not isinstance(note_id, str):
            continue  # reported by note_option_problems
        if not note_id:
            add(
                note.line,
                "this erratum has no id: add a line '    attrs: {id: erratum-<number><letter>}' under it",
            )
            continue
        if not ERRATUM_ID_RE.match(note_id):
            add(
                note.options_line,
                f"erratum id '{shown(note_id)}'{non_ascii_note(note_id)} should look like 'erratum-5a' "
                "(lowercase ASCII letters, digits, '-')",
            )
            continue
        if note_id in seen:
            add(
                note.line,
                f"erratum id '{note_id}' is used twice (first at line {seen[note_id]}): ids are unique",
            )
        seen.setdefault(note_id, note.line)
        title = ERRATUM_LABEL_RE.match(note.title)
        number = note_id.removeprefix("erratum-")
        if language in ERRATUM_TITLE and not (
            title and title.group("label") == label and title.group("colon") == colon
        ):
            add(note.line, f"the erratum's title should start with its label, e.g. '/// erratum | {example}'")
        elif title and title.group("number") != number:
            add(
                note.line,
                f"the title says '{title.group('number')}' but the id is '{note_id}': make them the same",
            )
        source = SOURCE_LINE.get(language)
        if source and not any(text.strip().startswith(source) for _, text in note.body):
            add(note.line, f"this erratum names no source: end it with a line '{source} <reference>'")
    return problems
