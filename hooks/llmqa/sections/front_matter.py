"""Which front-matter fields a page may have, and what each may hold.

MkDocs and Material read many front-matter fields (title, description, template, icon, status,
subtitle, hide, search...) and print them into templates, often without escaping. So a page may carry
only the fields this site uses, each of the type it needs and, for text that templates print, plain
text. The section rules (section_rules.py) check the meaning of the section fields (id, tags, related,
translation_of); this module checks that nothing else is there.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

from llmqa.safety.html_check import plain_text_problem
from llmqa.safety.messages import shown

SECTION_FIELDS = ("id", "tags", "related", "translation_of", "title_note")
MAX_TITLE_NOTE = 24  # characters: a few words that tell two sections of the same title apart
# The fields of each page that is not a section: nothing else (a title, an icon, a status, another
# template: Material prints some of them unescaped, and a template name is a path).
PAGE_FIELDS = {"index.md": ("hide",), "tags.md": ("hide",), "translations.md": ("hide", "template")}
OTHER_PAGE_FIELDS = ("hide",)
HIDE_VALUES = ("navigation", "toc", "footer", "tags")
PAGE_TEMPLATES = ("translations.html",)  # overrides/ templates a page may ask for
MAX_TAG_LENGTH = 40
MAX_TAGS = 8


def check_fields(meta: dict, field_line, is_section: bool, name: str = "") -> list[tuple[int, str]]:
    """(line, message) for every field that is not allowed or holds the wrong kind of value; `name`:
    the file name of a page that is not a section (index.md, tags.md, translations.md)."""
    allowed = SECTION_FIELDS if is_section else PAGE_FIELDS.get(name, OTHER_PAGE_FIELDS)
    found: list[tuple[int, str]] = []
    for key in meta:
        if not isinstance(key, str):
            found.append((1, f"front matter field {shown(repr(key), 60)} is not a name: write 'name: value'"))
        elif key not in allowed:
            kind = "a section page" if is_section else "this page"
            hint = " (the title is the page's '# ' heading)" if key == "title" else ""
            found.append(
                (
                    field_line(key),
                    f"front matter field '{shown(key, 60)}' is not allowed{hint}: {kind} may have "
                    + ", ".join(f"'{name}'" for name in allowed),
                )
            )
    tags = meta.get("tags") if is_section else None
    if isinstance(tags, list):
        if len(tags) > MAX_TAGS:
            found.append((field_line("tags"), f"{len(tags)} tags: a section has at most {MAX_TAGS} topics"))
        for tag in tags:
            if not isinstance(tag, str):
                continue  # section_rules says tags must be text
            problem = plain_text_problem(tag)
            if problem is None and len(tag) > MAX_TAG_LENGTH:
                problem = f"'{shown(tag, 60)}' is longer than {MAX_TAG_LENGTH} characters"
            if problem:
                found.append((field_line("tags"), f"tag {problem}: a topic name is plain text"))
    note = meta.get("title_note") if is_section else None
    if "title_note" in meta and is_section:
        problem = plain_text_problem(note)
        if problem is None and len(note) > MAX_TITLE_NOTE:
            problem = f"'{shown(note, 60)}' is longer than {MAX_TITLE_NOTE} characters"
        if problem:
            found.append((field_line("title_note"), f"title_note {problem}: a few words of plain text"))
    hide = meta.get("hide") if not is_section and "hide" in meta else None
    if (
        "hide" in meta
        and "hide" in allowed
        and not is_section
        and (not isinstance(hide, list) or not all(isinstance(v, str) and v in HIDE_VALUES for v in hide))
    ):
        found.append(
            (
                field_line("hide"),
                "'hide' lists parts of the page to hide, from: " + ", ".join(HIDE_VALUES),
            )
        )
    template = meta.get("template") if not is_section else None
    if "template" in meta and "template" in allowed and template not in PAGE_TEMPLATES:
        found.append(
            (
                field_line("template"),
                f"'template' names one of the site's page templates: {', '.join(PAGE_TEMPLATES)}",
            )
        )
    return found
