"""The structure rules of one section page: its four blocks, the text outside them, its tables and its
notes (correction notes, the illustrative-figures caption).

Plain Python, no MkDocs import; the page's other rules: rules.py.
"""

from __future__ import annotations

from llmqa.safety.messages import non_ascii_note, shown
from llmqa.sections.model import (
    BLOCK_TITLES,
    BLOCKS,
    ERRATUM_ID_RE,
    ERRATUM_LABEL_RE,
    ERRATUM_TITLE,
    NOTE_ATTRIBUTES,
    NOTE_KINDS,
    NOTE_OPTIONS,
    SOURCE_LINE,
    expected_heading,
)
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem
from llmqa.sections.scanner import Heading

MISSING_BLOCK = "missing-block"  # the key of a missing block's problem: 'missing-block:<name>'

# --- structure -----------------------------------------------------------------------------------


def check_structure(page: SectionPage, language: str) -> list[Problem]:
    """Blocks left open; the four blocks, each once, in order, not empty; text outside them; the tables;
    the notes."""
    problems = [Problem(page.path, line, "structure", message) for line, message in page.unclosed]
    if page.front_matter_unclosed:
        return problems  # the page is all front matter: closing it is the one thing to fix
    seen, found = block_headings(page, language)
    problems += [Problem(page.path, line, "structure", message) for line, message in found]
    problems += [
        Problem(page.path, line, "structure", message, key=f"{MISSING_BLOCK}:{name}")
        for line, message, name in missing_block_problems(page, language, seen)
    ]
    found = block_order_problems(language, seen)
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
    present = {b.heading.anchor for b in page.blocks if b.heading.anchor in BLOCKS}
    unknown: list[tuple[int, Heading]] = []  # (index in found, heading) of the headings naming no block
    for block in page.blocks:
        heading = block.heading
        name, problem = block_name(heading, language, present)
        if problem:
            if name is None:
                unknown.append((len(found), heading))
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
    renamed = renamed_block(seen, unknown)
    if renamed is not None:  # one block missing, one unknown heading where it goes: that block, renamed
        index, heading, name = renamed
        found[index] = (
            heading.line,
            f"heading '{heading.source}' stands where the {name} block goes: "
            f"write '{expected_heading(language, name)}'",
        )
        seen = dict(sorted({**seen, name: heading.line}.items(), key=lambda item: item[1]))
    return seen, found


def renamed_block(
    seen: dict[str, int], unknown: list[tuple[int, Heading]]
) -> tuple[int, Heading, str] | None:
    """The one missing block an unknown heading stands for: it is the only heading naming no block, and
    it lies between the blocks before and after the missing one."""
    missing = [name for name in BLOCKS if name not in seen]
    if len(missing) != 1 or len(unknown) != 1:
        return None
    index, heading = unknown[0]
    rank = BLOCKS.index(missing[0])
    before = [seen[name] for name in BLOCKS[:rank]]
    after = [seen[name] for name in BLOCKS[rank + 1 :]]
    if all(line < heading.line for line in before) and all(heading.line < line for line in after):
        return index, heading, missing[0]
    return None


def block_name(
    heading: Heading, language: str, present: set[str] = frozenset()
) -> tuple[str | None, str | None]:
    """The block an H2 heading names (None for none of the four), and what is wrong with it, if anything.

    A near miss ('## Examples', another language's title, an anchor such as '{#examples}') names the
    block it misses, unless the page has that block as well: then it is an unknown block."""
    titles = BLOCK_TITLES.get(language, {})
    name = heading.anchor
    if name is None:
        by_title = {title.lower(): block for block, title in titles.items()}
        by_title.update({block: block for block in BLOCKS})
        guess = by_title.get(heading.text.lower())
        if guess is not None:
            return (
                guess,
                f"heading '{heading.source}' has no anchor: write '{expected_heading(language, guess)}'",
            )
    if name is None or name not in BLOCKS:
        guess = near_block(heading.text, name)
        if guess is None or guess in present:
            return None, unknown_block_message(heading.source, heading.text, language)
        return guess, f"heading '{heading.source}' should read '{expected_heading(language, guess)}'"
    if titles and heading.text != titles[name]:
        return name, f"heading '{heading.source}' should read '{expected_heading(language, name)}'"
    return name, None


def near_block(text: str, anchor: str | None) -> str | None:
    """The block a heading nearly names: a block's name or its title in any language, in any case,
    singular or plural, in the text or the anchor."""
    words = {word.lower() for word in (text, anchor or "") if word}
    words |= {word.removesuffix("s") for word in words}
    for block in BLOCKS:
        if words & {block, *(titles[block].lower() for titles in BLOCK_TITLES.values())}:
            return block
    return None


def missing_block_problems(
    page: SectionPage, language: str, seen: dict[str, int]
) -> list[tuple[int, str, str]]:
    """Each of the four blocks is there; a missing one is reported where it should start (with the
    block's name: project.py adds where the other language's page has it)."""
    last_line = page.body_line + page.body.count("\n")
    found: list[tuple[int, str, str]] = []
    for index, name in enumerate(BLOCKS):
        if name in seen:
            continue
        later = [seen[n] for n in BLOCKS[index + 1 :] if n in seen]
        found.append(
            (
                min(later) if later else last_line,
                f"block '{name}' is missing: expected a heading '{expected_heading(language, name)}' "
                f"after {block_before(name)}",
                name,
            )
        )
    return found


def block_before(name: str) -> str:
    """'the title' for the first block, else 'the <previous block>': where a missing block goes."""
    index = BLOCKS.index(name)
    return "the title" if index == 0 else f"the {BLOCKS[index - 1]}"


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
            space = "" if source.endswith("：") else " "  # no space after a full-width colon
            add(note.line, f"this erratum names no source: end it with a line '{source}{space}<reference>'")
    return problems
