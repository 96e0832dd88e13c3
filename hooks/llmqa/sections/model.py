"""The section model, written down once: its four blocks, their headings and labels in each language,
how a correction note and its source line are written, and the pages that are not sections.

Plain data, no MkDocs import: the rules, the safety check, the wrappers, the cards and the PDF read it.
"""

from __future__ import annotations

import re

BLOCKS = ("question", "answer", "example", "analysis")
BLOCK_TITLES = {
    "zh": {"question": "题目", "answer": "答案", "example": "举例", "analysis": "解析"},
    "en": {"question": "Question", "answer": "Answer", "example": "Example", "analysis": "Analysis"},
}
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}  # how messages name a page's language
ERRATUM_TITLE = {"zh": ("勘误", "："), "en": ("Erratum", ":")}  # `勘误 1a：…`, `Erratum 1a: …`
SOURCE_LINE = {"zh": "来源：", "en": "Source:"}
NON_SECTION_PAGES = frozenset({"index.md", "tags.md", "translations.md"})
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ERRATUM_ID_RE = re.compile(r"^erratum-[a-z0-9]+(?:-[a-z0-9]+)*$")
ERRATUM_LABEL_RE = re.compile(r"^(?P<label>\S+?)\s*(?P<number>\d+[a-z]*)\s*(?P<colon>[:：])")
RECORD_FIELD = "translation_of"
RECORD_RE = re.compile(r"^[0-9a-f]{12}$")
# The commands messages print: make targets, which install what they need first (.venv), so that each
# works as printed from a fresh clone (the script alone needs the venv's packages).
CHECK_COMMAND = "make check"
DIFF_COMMAND = "make diff FILE={path}"
RECORD_COMMAND = "make translated FILE={path}"

NOTE_KINDS = ("erratum", "table-caption", "caption", "note", "info", "tip", "warning", "danger")
NOTE_OPTIONS = ("attrs",)
NOTE_ATTRIBUTES = ("id", "class")

ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def expected_heading(language: str, name: str) -> str:
    title = BLOCK_TITLES.get(language, {}).get(name, name.capitalize())
    return f"## {title} {{#{name}}}"


def language_name(language: str) -> str:
    """'Chinese' for 'zh': messages say "the Chinese page", never "it"."""
    return LANGUAGE_NAMES.get(language, f"'{language}'")


def block_label(language: str, name: str) -> str:
    """A block's name as readers see it (题目, Question)."""
    return BLOCK_TITLES.get(language, BLOCK_TITLES["en"])[name]


# How a title's note (front matter `title_note`) follows the title where titles are listed.
NOTE_FORMAT = {"zh": "{title}（{note}）", "en": "{title} ({note})"}
MAX_SECTION_ID = 9999  # a section number is shown in titles, cards and the PDF: four digits at most
MAX_TITLE_LENGTH = 200  # characters of a page's '# ' title (nav, tab, card, search, PDF)


def is_section_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_SECTION_ID
