"""Read a section page (its bytes) into front matter, headings, blocks, tables and notes, with line numbers.

Plain Python, no MkDocs import: the MkDocs hook, the command line and the tests all use it. Reading
never raises: anything that keeps the page from being read (not UTF-8, broken YAML, a fence that is never
closed) is recorded on the page for the rules to report. The front matter is split off and its YAML read
by front_matter_reading.py; the Markdown body is scanned by scanner.py, which also defines what it finds
(Heading, Block, Table, Note).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field

from llmqa.sections.front_matter_reading import read_front_matter
from llmqa.sections.scanner import Block, Heading, Note, Table, scan_body

# C0 and C1 controls (tab and newlines aside) and the bidirectional controls that reorder how a line
# reads without showing themselves ("Trojan Source").
CONTROL_CHAR_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class SectionPage:
    path: str  # relative to the project root, for messages
    text: str = ""  # decoded, BOM removed, line endings normalised to "\n"
    decode_error: tuple[int, str] | None = None
    has_bom: bool = False
    crlf: bool = False
    front_matter: dict | None = None
    front_matter_error: tuple[int, str] | None = None
    front_matter_unclosed: bool = False  # then the whole page is front matter: nothing else to check
    front_matter_text: str = ""
    field_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line number of the body's first line
    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    stray_lines: list[int] = field(default_factory=list)  # content before the first H2, besides the H1
    tables: list[Table] = field(default_factory=list)
    glued_tables: list[int] = field(default_factory=list)  # table rows right under text: not rendered
    notes: list[Note] = field(default_factory=list)
    visible: list[tuple[int, str]] = field(default_factory=list)  # text lines, comments removed
    unclosed: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    control_chars: list[tuple[int, str]] = field(default_factory=list)  # (line, the first one on it)

    @property
    def readable(self) -> bool:
        return self.decode_error is None

    def field_line(self, name: str) -> int:
        return self.field_lines.get(name, 1)

    def body_hash(self) -> str:
        """What an English page records as the version of its original: the body, not the front matter."""
        return hashlib.sha256(self.body.strip().encode("utf-8")).hexdigest()[:12]


def decode(data: bytes) -> tuple[str | None, tuple[int, str] | None, bool]:
    """Bytes to text: UTF-8 only (a BOM is accepted). Returns (text, (line, error), had_bom)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        return None, (1, "the file is UTF-16 or UTF-32: re-save it as UTF-8"), False
    has_bom = data.startswith(codecs.BOM_UTF8)
    if has_bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None, has_bom
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        guess = ""
        for encoding, name in (("gb18030", "GBK/GB18030"), ("big5", "Big5"), ("cp1252", "Windows-1252")):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                continue
            guess = f" (it looks like {name})"
            break
        message = (
            f"the file is not UTF-8{guess}: byte 0x{data[error.start]:02x} at line {line}, column {column} "
            "cannot be read; re-save the file as UTF-8 (in VS Code: 'Save with Encoding' > 'UTF-8')"
        )
        return None, (line, message), has_bom


def read_page(path: str, data: bytes) -> SectionPage:
    """Read one page. Never raises; problems are recorded on the returned page."""
    page = SectionPage(path=path)
    text, page.decode_error, page.has_bom = decode(data)
    if text is None:
        return page
    page.crlf = "\r" in text
    page.text = text.replace("\r\n", "\n").replace("\r", "\n")
    page.control_chars = [
        (number, found.group())
        for number, line in enumerate(page.text.split("\n"), 1)
        if (found := CONTROL_CHAR_RE.search(line))
    ]
    read_front_matter(page)
    scan_body(page)
    return page
