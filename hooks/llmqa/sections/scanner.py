"""Scan a page's Markdown body in one pass: headings, blocks, tables, notes, and what Markdown hides.

Plain Python, no MkDocs import. The scanner follows Python-Markdown, which renders the site: headings
start at column 0; fenced code, indented code and HTML comments hide what they contain; list content is
indented by 4 spaces; a table starts a paragraph. It never raises: a fence, comment or note that is
never closed is recorded on the page (`SectionPage.unclosed`) for the rules to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from llmqa.sections.front_matter_reading import parse_yaml_mapping

if TYPE_CHECKING:
    from llmqa.sections.page import SectionPage

FENCE_OPEN_RE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
LIST_ITEM_RE = re.compile(r"^(?P<indent> *)(?:[*+-]|\d+[.)])(?: +|$)")
ATX_RE = re.compile(r"^(?P<hashes>#{1,6})(?P<text>.*?)#*\s*$")
SETEXT_RE = re.compile(r"^ {0,3}(?P<mark>=+|-+) *$")
ATTR_LIST_RE = re.compile(r"\s*\{:?(?P<attrs>[^{}]*)\}\s*$")
ANCHOR_RE = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
NOTE_OPEN_RE = re.compile(r"^(?P<indent> *)(?P<slashes>/{3,}) *(?P<kind>[\w-]+) *(?:\|(?P<title>.*))?$")
NOTE_CLOSE_RE = re.compile(r"^ *(?P<slashes>/{3,}) *$")
TABLE_SEPARATOR_RE = re.compile(r"^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$")
BACKTICKS_RE = re.compile(r"`+")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str  # without a trailing attribute list
    anchor: str | None  # the `{#anchor}`, if any
    source: str  # the line as written, for messages


@dataclass
class Table:
    line: int  # the header row
    rows: int  # data rows, header not counted
    columns: int
    block: str | None  # anchor of the H2 block it sits in
    in_note: bool  # inside a `/// ...` block
    illustrative: bool = False  # followed by the "illustrative figures" caption
    bad_rows: list[tuple[int, int]] = field(default_factory=list)  # (line, cells) not matching columns
    last_line: int = 0


@dataclass
class Note:
    """A pymdownx `/// kind | title` block, e.g. an erratum or a table caption."""

    line: int
    kind: str
    title: str
    indent: int
    slashes: int
    block: str | None
    depth: int = 1  # 1 for a block at the top, 2 for one inside another...
    options: dict | None = None  # the indented YAML lines right after the opener
    options_line: int = 0
    options_error: str | None = None
    body: list[tuple[int, str]] = field(default_factory=list)
    follows_table: Table | None = field(default=None, repr=False, compare=False)  # for a table-caption

    @property
    def attrs(self) -> dict:
        attrs = (self.options or {}).get("attrs")
        return attrs if isinstance(attrs, dict) else {}


@dataclass
class Block:
    """An H2 heading and what follows it up to the next H2."""

    heading: Heading
    has_content: bool = False  # anything but blank lines, comments and sub-headings


def code_span_end(text: str, start: int) -> int | None:
    """Where the code span opened by the backticks at `start` ends, or None if no run of as many closes it."""
    run = BACKTICKS_RE.match(text, start).group()
    close = text.find(run, start + len(run))
    while close >= 0 and text[close + len(run) : close + len(run) + 1] == "`":
        close = text.find(run, close + len(run) + 1)
    return close + len(run) if close >= 0 else None


def split_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """Remove HTML comments from a line (code spans kept); return (visible text, still in a comment)."""
    if not in_comment and "<!--" not in line:
        return line, False
    out: list[str] = []
    i = 0
    while i < len(line):
        if in_comment:
            end = line.find("-->", i)
            if end < 0:
                return "".join(out), True
            i = end + 3
            in_comment = False
        elif line[i] == "`":
            end = code_span_end(line, i) or i + len(BACKTICKS_RE.match(line, i).group())
            out.append(line[i:end])
            i = end
        elif line.startswith("<!--", i):
            in_comment = True
            i += 4
        else:
            out.append(line[i])
            i += 1
    return "".join(out), in_comment


def code_span_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span: a run of backticks up to the next run of the same length.

    One pass over the runs, in linear time: for each length, a pointer to its next run only moves
    forward (looking for each opener's closer from the opener would be quadratic in the runs)."""
    runs = [(match.start(), match.end() - match.start()) for match in BACKTICKS_RE.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    pointer = dict.fromkeys(by_length, 0)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, length = runs[index]
        same = by_length[length]
        while pointer[length] < len(same) and same[pointer[length]] <= index:
            pointer[length] += 1
        if pointer[length] == len(same):
            index += 1  # no closer: the backticks are text
            continue
        closer = same[pointer[length]]
        spans.append((start, runs[closer][0] + length))
        index = closer + 1
    return spans


def remove_code_spans(line: str) -> str:
    """Drop inline code spans (their text is shown literally, so it cannot be markup)."""
    out: list[str] = []
    i = 0
    for start, end in code_span_ranges(line):
        out += [line[i:start], " "]
        i = end
    out.append(line[i:])
    return "".join(out)


def split_row(row: str) -> list[str]:
    """Table row to cells, as Python-Markdown splits it: outer pipes dropped, `\\|` and code spans kept."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(row):
        char = row[i]
        if char == "\\" and i + 1 < len(row):
            end = i + 2
        elif char == "`":
            end = code_span_end(row, i) or i + len(BACKTICKS_RE.match(row, i).group())
        elif char == "|":
            cells.append("".join(current))
            current = []
            i += 1
            continue
        else:
            end = i + 1
        current.append(row[i:end])
        i = end
    cells.append("".join(current))
    return cells


def parse_heading(line_no: int, level: int, raw_text: str, source: str) -> Heading:
    text = raw_text.strip()
    anchor = None
    attrs = ATTR_LIST_RE.search(text)
    if attrs:
        found = ANCHOR_RE.search(attrs.group("attrs"))
        anchor = found.group("id") if found else None
        text = text[: attrs.start()].rstrip()
    text = text.rstrip("#").rstrip()
    return Heading(line=line_no, level=level, text=text, anchor=anchor, source=source.strip())


class _Scanner:
    """One pass over the body's lines: headings, blocks, tables, notes, and what is hidden from Markdown."""

    def __init__(self, page: SectionPage) -> None:
        self.page = page
        self.lines = page.body.split("\n")
        self.fence: tuple[str, int, int] | None = None  # (char, length, line) of an open code fence
        self.comment_line: int | None = None  # line where an open HTML comment started
        self.code_indent: int | None = None  # an indented code block goes on at this indent
        self.list_stack: list[int] = []  # indents of the open list items
        self.prev_blank = True  # the previous line ended a Markdown block
        self.open_notes: list[Note] = []
        self.options_of: Note | None = None  # the note whose indented options are being read
        self.options: list[str] = []
        self.table: Table | None = None  # the table whose rows are being read
        self.last_table: Table | None = None
        self.block: Block | None = None
        self.setext_candidate: tuple[int, str] | None = None

    def run(self) -> None:
        for offset, raw in enumerate(self.lines):
            self.line(offset, self.page.body_line + offset, raw.expandtabs(4))
        self.finish()

    def mark_content(self, line_no: int) -> None:
        if self.block is not None:
            self.block.has_content = True
        else:
            self.page.stray_lines.append(line_no)

    def line(self, offset: int, line_no: int, line: str) -> None:
        if self.fence is not None:
            char, length, _ = self.fence
            if re.match(rf"^ *{re.escape(char)}{{{length},}} *$", line):
                self.fence = None
            return
        if self.options_of is not None:
            if line.strip() and _indent(line) >= self.options_of.indent + 4:
                self.options.append(line[self.options_of.indent + 4 :])
                return
            self.finish_options()

        if self.comment_line is None:
            if not line.strip():
                self.prev_blank = True
                self.table = None
                self.setext_candidate = None
                return
            if self.hidden_code(line, line_no):
                return

        visible, in_comment = split_comments(line, self.comment_line is not None)
        if in_comment and self.comment_line is None:
            self.comment_line = line_no
        elif not in_comment:
            self.comment_line = None
        if not visible.strip():
            return  # a comment alone: neither content nor a block boundary
        self.page.visible.append((line_no, visible))
        starts_block = self.prev_blank
        self.prev_blank = False
        candidate, self.setext_candidate = self.setext_candidate, None

        if self.note_marker(visible, line_no):
            return
        if self.open_notes:
            self.open_notes[-1].body.append((line_no, visible))
        elif visible.startswith("#") and ATX_RE.match(visible):
            match = ATX_RE.match(visible)
            self.heading(parse_heading(line_no, len(match.group("hashes")), match.group("text"), visible))
            return
        elif candidate is not None and SETEXT_RE.match(visible) and not self.list_stack:
            level = 1 if visible.strip().startswith("=") else 2
            if self.page.stray_lines[-1:] == [candidate[0]]:
                self.page.stray_lines.pop()
            self.heading(parse_heading(candidate[0], level, candidate[1], candidate[1]))
            return

        self.table_line(offset, line_no, visible, starts_block)
        self.mark_content(line_no)
        if starts_block and "|" not in visible and not LIST_ITEM_RE.match(visible) and not self.open_notes:
            self.setext_candidate = (line_no, visible)

    def hidden_code(self, line: str, line_no: int) -> bool:
        """Indented code and fenced code: their lines are content, but never markup."""
        indent = _indent(line)
        if self.code_indent is not None and indent >= self.code_indent:
            self.mark_content(line_no)
            return True
        self.code_indent = None
        is_item = LIST_ITEM_RE.match(line) is not None
        if self.prev_blank or is_item:
            while self.list_stack and indent < self.list_stack[-1] + 4:
                self.list_stack.pop()
        column = self.list_stack[-1] + 4 if self.list_stack else 0
        if self.prev_blank and indent >= column + 4:
            self.code_indent = column + 4
            self.mark_content(line_no)
            return True
        if is_item:
            self.list_stack.append(indent)
        fence = FENCE_OPEN_RE.match(line)
        if fence:
            self.fence = (fence.group("fence")[0], len(fence.group("fence")), line_no)
            self.mark_content(line_no)
            self.prev_blank = False
            self.table = None
            return True
        return False

    def heading(self, heading: Heading) -> None:
        self.page.headings.append(heading)
        if heading.level == 2:
            self.block = Block(heading=heading)
            self.page.blocks.append(self.block)
        self.list_stack.clear()
        self.table = None
        self.prev_blank = True  # a heading ends its Markdown block

    def note_marker(self, visible: str, line_no: int) -> bool:
        closing = NOTE_CLOSE_RE.match(visible)
        if closing:
            self.close_note(line_no, len(closing.group("slashes")))
            self.prev_blank = True
            return True
        opening = NOTE_OPEN_RE.match(visible)
        if not opening:
            return False
        note = Note(
            line=line_no,
            kind=opening.group("kind"),
            title=(opening.group("title") or "").strip(),
            indent=len(opening.group("indent")),
            slashes=len(opening.group("slashes")),
            block=self.block.heading.anchor if self.block else None,
            depth=len(self.open_notes) + 1,
            options_line=line_no + 1,
        )
        table = self.last_table
        if table is not None and not any(
            self.lines[n - self.page.body_line].strip() for n in range(table.last_line + 1, line_no)
        ):
            note.follows_table = table
        self.mark_content(line_no)
        self.page.notes.append(note)
        self.open_notes.append(note)
        self.options_of, self.options = note, []
        self.table = None
        self.prev_blank = True
        return True

    def close_note(self, line_no: int, slashes: int) -> None:
        for index in range(len(self.open_notes) - 1, -1, -1):
            if self.open_notes[index].slashes == slashes:
                del self.open_notes[index:]
                return
        bar = "/" * slashes
        self.page.unclosed.append(
            (
                line_no,
                f"the line '{bar}' closes no block: remove it, or open one with '{bar} <type> | <title>'",
            )
        )

    def finish_options(self) -> None:
        note, self.options_of = self.options_of, None
        if note is None or not self.options:
            return
        data, _, error = parse_yaml_mapping("\n".join(self.options), first_line=note.options_line)
        if error:
            note.options_error = error[1].replace("front matter", f"the options of '/// {note.kind}'")
        note.options = data

    def table_line(self, offset: int, line_no: int, visible: str, starts_block: bool) -> None:
        """Pipe tables as Python-Markdown reads them: header, separator, then every line up to a blank."""
        table = self.table
        if table is not None:
            if line_no == table.line + 1:
                return  # the separator row
            cells = len(split_row(visible))
            table.rows += 1
            table.last_line = line_no
            if cells != table.columns:
                table.bad_rows.append((line_no, cells))
            return
        if "|" not in visible or offset + 1 >= len(self.lines):
            return
        separator = self.lines[offset + 1].expandtabs(4)
        if not TABLE_SEPARATOR_RE.match(separator):
            return
        if not starts_block:
            self.page.glued_tables.append(line_no)
            return
        table = Table(
            line=line_no,
            rows=0,
            columns=len(split_row(visible)),
            block=self.block.heading.anchor if self.block else None,
            in_note=bool(self.open_notes),
            last_line=line_no + 1,
        )
        separator_cells = len(split_row(separator))
        if separator_cells != table.columns:
            table.bad_rows.append((line_no + 1, separator_cells))
        self.page.tables.append(table)
        self.table = self.last_table = table

    def finish(self) -> None:
        if self.options_of is not None:
            self.finish_options()
        unclosed = self.page.unclosed
        if self.fence is not None:
            char, length, start = self.fence
            fence = char * length
            unclosed.append((start, f"this code block is never closed: add a line '{fence}' where it ends"))
        if self.comment_line is not None:
            unclosed.append((self.comment_line, "this HTML comment is never closed: add '-->' where it ends"))
        for note in self.open_notes:
            bar = "/" * note.slashes
            unclosed.append(
                (
                    note.line,
                    f"this '{bar} {note.kind}' block is never closed: add a line '{bar}' where it ends",
                )
            )
        for note in self.page.notes:
            if note.follows_table is not None and "illustrative" in str(note.attrs.get("class", "")).split():
                note.follows_table.illustrative = True


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def scan_body(page: SectionPage) -> None:
    """Fill in what the body holds: headings, blocks, tables, notes, visible text, unclosed blocks."""
    _Scanner(page).run()
