"""The section rules: input, identity, structure, safety per page; parity and drift across languages.

Plain Python, no MkDocs import. `check_project` reads every page once and returns every problem found as
`Problem(file, line, rule, message)`, each message saying what is wrong and how to fix it. Paths in
messages are relative to the project root. The work is linear in the number of pages.
"""

from __future__ import annotations

import os
import re
import reprlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from docs_files import scan
from front_matter_schema import check_fields
from input_limits import check_limits
from message_text import code_point, non_ascii_note, report_line, shown
from section_page import SectionPage, read_page

BLOCKS = ("question", "answer", "example", "analysis")
BLOCK_TITLES = {
    "zh": {"question": "题目", "answer": "答案", "example": "举例", "analysis": "解析"},
    "en": {"question": "Question", "answer": "Answer", "example": "Example", "analysis": "Analysis"},
}
ERRATUM_TITLE = {"zh": ("勘误", "："), "en": ("Erratum", ":")}  # `勘误 1a：…`, `Erratum 1a: …`
SOURCE_LINE = {"zh": "来源：", "en": "Source:"}
NON_SECTION_PAGES = frozenset({"index.md", "tags.md", "404.md", "translations.md"})
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ERRATUM_ID_RE = re.compile(r"^erratum-[a-z0-9]+(?:-[a-z0-9]+)*$")
ERRATUM_LABEL_RE = re.compile(r"^(?P<label>\S+?)\s*(?P<number>\d+[a-z]*)\s*(?P<colon>[:：])")
RECORD_FIELD = "translation_of"
RECORD_RE = re.compile(r"^[0-9a-f]{12}$")
CHECK_COMMAND = "python hooks/check_sections.py"

NOTE_KINDS = ("erratum", "table-caption", "caption", "note", "info", "tip", "warning", "danger")
NOTE_OPTIONS = ("attrs",)
NOTE_ATTRIBUTES = ("id", "class")

ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    rule: str
    message: str
    # "error" stops the build; "warning" stops it with --strict; "notice" (a translation out of date)
    # never does: a fix to the original must reach readers even before its translation is updated.
    severity: str = "error"

    def __str__(self) -> str:
        level = "" if self.severity == "error" else f"{self.severity}: "
        return report_line(f"{self.file}:{self.line}: {level}{self.message} [{self.rule}]")

    def annotation(self) -> str:
        """A GitHub Actions workflow command that puts the problem on the pull request's diff."""

        def escape(value: str, is_property: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return value.replace(":", "%3A").replace(",", "%2C") if is_property else value

        title = escape(f"section check ({self.rule})", is_property=True)
        level = "warning" if self.severity == "notice" else self.severity  # shown on the diff, not failing
        return (
            f"::{level} file={escape(shown(self.file), True)},line={self.line},title={title}::"
            f"{escape(shown(self.message))}"
        )


@dataclass
class Project:
    """Where the pages are: docs/<language>/<slug>.md, the default language holding the originals."""

    root: Path
    docs_dir: Path
    languages: list[str]
    default: str

    def rel(self, path: Path) -> str:
        """The path from the project root, for messages: never an absolute path of this machine."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, dict[str, SectionPage]] = field(default_factory=dict)  # language -> file name -> page
    outdated: dict[str, str] = field(default_factory=dict)  # translation path -> its original's path
    sources: dict[str, SectionPage] = field(default_factory=dict)  # every page read, by its path
    unread: set[str] = field(default_factory=set)  # pages there but refused unread (too big), by path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "notice"]

    @property
    def section_count(self) -> int:
        return sum(len(pages) for pages in self.pages.values())

    def format(self) -> str:
        """One report: a summary line, then every problem as `file:line: message [rule]`."""
        errors, warnings = len(self.errors), len(self.warnings)
        head = f"Section check: {count(errors, 'error')}, {count(warnings, 'warning')}"
        if self.notices:
            head += f", {count(len(self.notices), 'translation')} out of date"
        head += f" in {count(self.section_count, 'section page')}"
        body = [str(p) for p in sorted(self.problems)]  # one line each, whatever the text quotes
        tail = (
            f"Run '{CHECK_COMMAND}' to check again without building; "
            "CONTRIBUTING.md describes the section format."
        )
        return "\n".join([head + ":", *body, tail] if body else [head])


def expected_heading(language: str, name: str) -> str:
    title = BLOCK_TITLES.get(language, {}).get(name, name.capitalize())
    return f"## {title} {{#{name}}}"


def source_path(project: Project, language: str, name: str) -> str:
    return project.rel(project.docs_dir / language / name)


# --- reading -------------------------------------------------------------------------------------


def check_project(project: Project) -> Report:
    """Read every page of every language once and run every rule."""
    report = Report(pages={language: {} for language in project.languages})
    problems = report.problems
    files = scan(project.docs_dir, project.root, project.languages)
    problems.extend(Problem(path, 1, "files", message) for path, message in files.problems)
    report.unread = {project.rel(path) for path in files.refused_pages}
    for language in project.languages:
        folder = project.docs_dir / language
        if not folder.is_dir():
            problems.append(
                Problem(
                    project.rel(folder),
                    1,
                    "parity",
                    f"the language folder is missing: create {project.rel(folder)}/, one page per section",
                )
            )
            continue
        for path in files.pages.get(language, []):
            rel = project.rel(path)
            page = read_page(rel, path.read_bytes())
            report.sources[rel] = page
            nested = path.parent != folder
            if path.name in NON_SECTION_PAGES and not nested:
                problems.extend(check_other_page(page))
                continue
            if nested:
                problems.append(
                    Problem(
                        rel,
                        1,
                        "identity",
                        f"section pages live directly in {project.rel(folder)}/: move this file there",
                    )
                )
            problems.extend(check_page(page, language, is_original=language == project.default))
            report.pages[language][path.relative_to(folder).as_posix()] = page
    problems.extend(check_ids(project, report.pages))
    problems.extend(check_related(project, report.pages))
    for language in project.languages:
        if language == project.default:
            continue
        problems.extend(check_parity(project, report.pages, language, report.unread))
        problems.extend(check_tag_names(report.pages, project.default, language))
        problems.extend(check_drift(project, report, language))
    return report


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
    for line, message in check_fields(page.front_matter or {}, page.field_line, is_section=False):
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
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(page.path, line, "identity", message))

    name = Path(page.path).name
    stem = name[:-3] if name.endswith(".md") else name
    if not SLUG_RE.match(stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "section-name"
        add(
            1,
            f"file name '{name}' is not a slug: use lowercase ASCII letters, digits and '-', "
            f"e.g. '{suggestion}.md'",
        )

    meta = page.front_matter
    if page.front_matter_error:
        add(*page.front_matter_error)
    elif meta is None:
        add(
            1,
            "no front matter: start the file with '---', 'id: <section number>', "
            "'tags:' and its topics, '---'",
        )
    if meta is not None:
        section_id = meta.get("id")
        if "id" not in meta:
            add(1, "the front matter has no 'id': add 'id: <section number>', e.g. 'id: 5'")
        elif not is_section_id(section_id):
            add(
                page.field_line("id"),
                f"'id' must be a positive whole number, not {reprlib.repr(section_id)}: write e.g. 'id: 5'",
            )
        tags = meta.get("tags")
        if "tags" not in meta:
            add(
                1,
                "the front matter has no 'tags': add 'tags:' and the section's topics, "
                "one '  - <topic>' line each",
            )
        elif (
            not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t.strip() for t in tags)
        ):
            add(page.field_line("tags"), "'tags' must be a list of topic names, one '  - <topic>' line each")
        elif len(set(tags)) != len(tags):
            add(page.field_line("tags"), "a tag is listed twice: list each topic once")
        related = meta.get("related")
        if "related" in meta and not (
            isinstance(related, list) and all(isinstance(r, str) and SLUG_RE.match(r) for r in related)
        ):
            add(
                page.field_line("related"),
                "'related' must list sections by file name without '.md', e.g. 'related: [overfitting]'",
            )
        for line, message in check_fields(meta, page.field_line, is_section=True):
            add(line, message)
        if is_original and RECORD_FIELD in meta:
            add(
                page.field_line(RECORD_FIELD),
                f"'{RECORD_FIELD}' belongs on translations only: remove it here",
            )

    if page.front_matter_unclosed:
        return problems
    titles = [h for h in page.headings if h.level == 1]
    if not titles:
        add(page.body_line, "the page has no title: add a line '# <title>' right after the front matter")
    for extra in titles[1:]:
        add(
            extra.line,
            f"a second title '{extra.source}' (the first is at line {titles[0].line}): a page has one "
            "'# ' title; use '### ' for a heading inside a block",
        )
    if titles and not titles[0].text:
        add(titles[0].line, "the title is empty: write the section's title after '# '")
    if titles and page.blocks and titles[0].line > page.blocks[0].heading.line:
        add(titles[0].line, "the title comes after the first block: move the '# ' line above it")

    return problems


def is_section_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# --- structure -----------------------------------------------------------------------------------


def check_structure(page: SectionPage, language: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(page.path, line, "structure", message))

    for line, message in page.unclosed:
        add(line, message)
    if page.front_matter_unclosed:
        return problems  # the page is all front matter: closing it is the one thing to fix

    titles = BLOCK_TITLES.get(language, {})
    by_title = {title.lower(): name for name, title in titles.items()}
    by_title.update({name: name for name in BLOCKS})
    seen: dict[str, int] = {}
    order: list[tuple[str, int]] = []
    for block in page.blocks:
        heading = block.heading
        name = heading.anchor
        if name is None:
            guess = by_title.get(heading.text.lower())
            if guess is None:
                add(heading.line, unknown_block_message(heading.source, heading.text, language))
                continue
            add(
                heading.line,
                f"heading '{heading.source}' has no anchor: write '{expected_heading(language, guess)}'",
            )
            name = guess
        elif name not in BLOCKS:
            add(heading.line, unknown_block_message(heading.source, heading.text, language))
            continue
        elif titles and heading.text != titles[name]:
            add(heading.line, f"heading '{heading.source}' should read '{expected_heading(language, name)}'")
        if name in seen:
            add(
                heading.line,
                f"block '{name}' appears twice (first at line {seen[name]}): "
                f"keep one '{expected_heading(language, name)}' and merge the two",
            )
            continue
        seen[name] = heading.line
        order.append((name, heading.line))
        if not block.has_content:
            add(
                heading.line,
                f"block '{name}' is empty: write the {name} under '{expected_heading(language, name)}' "
                "(a comment or a sub-heading alone does not count)",
            )

    last_line = page.body_line + page.body.count("\n")
    for index, name in enumerate(BLOCKS):
        if name in seen:
            continue
        after = "the title" if index == 0 else f"the {BLOCKS[index - 1]}"
        later = [seen[n] for n in BLOCKS[index + 1 :] if n in seen]
        add(
            min(later) if later else last_line,
            f"block '{name}' is missing: expected a heading '{expected_heading(language, name)}' "
            f"after {after}",
        )
    furthest = -1
    for name, line in order:
        rank = BLOCKS.index(name)
        if rank < furthest:
            add(
                line,
                f"block '{name}' is out of order: the blocks go {', '.join(BLOCKS)}; "
                f"move it before '{expected_heading(language, BLOCKS[furthest])}'",
            )
        furthest = max(furthest, rank)

    if page.stray_lines and page.blocks:
        add(
            page.stray_lines[0],
            f"text before '{expected_heading(language, 'question')}' belongs to no block: "
            "move it into a block",
        )

    if "example" in seen and not tables_under(page, seen["example"]):
        add(
            seen["example"],
            "block 'example' has no table: the example holds at least one Markdown table "
            "('| a | b |', then '| --- | --- |', then one line per row)",
        )
    for table in page.tables:
        for line, cells in table.bad_rows:
            kind = "the separator row" if line == table.line + 1 else "this row"
            add(
                line,
                f"{kind} has {cells} cells but the table's header has {table.columns}: "
                "give every row the same number of '|'-separated cells",
            )
    for line in page.glued_tables:
        add(
            line,
            "this table follows a line of text directly, so it is not rendered: add a blank line above it",
        )

    problems += check_notes(page, language)
    return problems


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


# --- across pages --------------------------------------------------------------------------------


def check_ids(project: Project, pages: dict[str, dict[str, SectionPage]]) -> list[Problem]:
    """Ids are unique in each language, and one id has one file name in every language."""
    problems: list[Problem] = []
    names_by_id: dict[int, dict[str, str]] = defaultdict(dict)  # id -> language -> file name
    for language in project.languages:
        first: dict[int, SectionPage] = {}
        for name, page in pages.get(language, {}).items():
            section_id = (page.front_matter or {}).get("id")
            if not is_section_id(section_id):
                continue
            if section_id in first:
                other = first[section_id]
                problems.append(
                    Problem(
                        page.path,
                        page.field_line("id"),
                        "identity",
                        f"id {section_id} is also used by {other.path} (line {other.field_line('id')}): "
                        "every section needs its own id",
                    )
                )
                continue
            first[section_id] = page
            names_by_id[section_id][language] = name
    for section_id, names in names_by_id.items():
        original = names.get(project.default)
        if original is None:
            continue
        for language, name in names.items():
            if name != original:
                page = pages[language][name]
                problems.append(
                    Problem(
                        page.path,
                        page.field_line("id"),
                        "identity",
                        f"id {section_id} is {source_path(project, project.default, original)} in the "
                        f"original language: rename this file to '{original}' "
                        "(one file name in every language)",
                    )
                )
    return problems


def check_related(project: Project, pages: dict[str, dict[str, SectionPage]]) -> list[Problem]:
    """`related` names sections that exist (in some language: a missing translation is a parity problem)."""
    problems: list[Problem] = []
    sections = {name for names in pages.values() for name in names}
    for language in project.languages:
        for page in pages.get(language, {}).values():
            related = (page.front_matter or {}).get("related")
            if not isinstance(related, list):
                continue
            for slug in related:
                if isinstance(slug, str) and SLUG_RE.match(slug) and f"{slug}.md" not in sections:
                    problems.append(
                        Problem(
                            page.path,
                            page.field_line("related"),
                            "identity",
                            f"related section '{slug}' does not exist "
                            f"({source_path(project, language, slug + '.md')} is missing): "
                            "use the file name of another section, without '.md'",
                        )
                    )
    return problems


def check_parity(
    project: Project, pages: dict[str, dict[str, SectionPage]], language: str, unread: set[str] = frozenset()
) -> list[Problem]:
    """Every section in every language, with the same id, blocks, anchors, tags, tables and notes."""
    problems: list[Problem] = []
    originals = pages.get(project.default, {})
    translations = pages.get(language, {})
    for name, page in originals.items():
        if name not in translations and source_path(project, language, name) not in unread:
            problems.append(
                Problem(
                    page.path,
                    1,
                    "parity",
                    f"this section has no '{language}' page: add {source_path(project, language, name)} "
                    "(the same file name) with the translation",
                )
            )
    for name, page in translations.items():
        original = originals.get(name)
        if original is None:
            if source_path(project, project.default, name) in unread:
                continue
            problems.append(
                Problem(
                    page.path,
                    1,
                    "parity",
                    f"this page has no original: add {source_path(project, project.default, name)}, "
                    "or give this file the same name as the page it translates",
                )
            )
        elif page.readable and original.readable:
            problems.extend(compare_pages(original, page))
    return problems


def compare_pages(original: SectionPage, page: SectionPage) -> list[Problem]:
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(page.path, line, "parity", message))

    meta, original_meta = page.front_matter or {}, original.front_matter or {}
    if (
        is_section_id(meta.get("id"))
        and is_section_id(original_meta.get("id"))
        and meta["id"] != original_meta["id"]
    ):
        add(
            page.field_line("id"),
            f"id {meta['id']} differs from {original.path} (id {original_meta['id']}): "
            "a section has the same id in every language",
        )
    tags, original_tags = meta.get("tags"), original_meta.get("tags")
    if isinstance(tags, list) and isinstance(original_tags, list) and len(tags) != len(original_tags):
        add(
            page.field_line("tags"),
            f"{count(len(tags), 'tag')} here but {len(original_tags)} in {original.path}: "
            "tag the same topics in both languages",
        )
    related, original_related = meta.get("related") or [], original_meta.get("related") or []
    if (
        isinstance(related, list)
        and isinstance(original_related, list)
        and set(map(str, related)) != set(map(str, original_related))
    ):
        add(
            page.field_line("related") if "related" in meta else 1,
            f"'related' lists {sorted(map(str, related))} here but {sorted(map(str, original_related))} "
            f"in {original.path}: link the same sections in both languages",
        )

    blocks = [b.heading.anchor for b in page.blocks]
    original_blocks = [b.heading.anchor for b in original.blocks]
    same_blocks = blocks == original_blocks
    if not same_blocks:
        add(
            page.blocks[0].heading.line if page.blocks else page.body_line,
            f"the blocks differ from {original.path}: it has {describe_anchors(original_blocks)}, "
            f"this page has {describe_anchors(blocks)}; "
            "give both pages the same '## ... {#anchor}' headings",
        )

    anchors = {h.anchor: h.line for h in page.headings if h.anchor and h.anchor not in BLOCKS}
    original_anchors = {h.anchor: h.line for h in original.headings if h.anchor and h.anchor not in BLOCKS}
    for anchor, line in anchors.items():
        if anchor not in original_anchors:
            add(line, f"anchor '#{anchor}' is not in {original.path}: use the same anchors in both languages")
    for anchor, line in original_anchors.items():
        if anchor not in anchors:
            add(
                block_line(page, block_at(original, line)),
                f"anchor '#{anchor}' of {original.path} (line {line}) is missing here: "
                f"add the same heading with '{{#{anchor}}}'",
            )

    errata = {n.attrs.get("id"): n for n in page.notes if n.kind == "erratum" and n.attrs.get("id")}
    original_errata = {
        n.attrs.get("id"): n for n in original.notes if n.kind == "erratum" and n.attrs.get("id")
    }
    for note_id, note in errata.items():
        counterpart = original_errata.get(note_id)
        if counterpart is None:
            add(
                note.line,
                f"erratum '{note_id}' is not in {original.path}: add it there too, or remove it here",
            )
        elif same_blocks and note.block != counterpart.block:
            add(
                note.line,
                f"erratum '{note_id}' is in block '{note.block}' here but in '{counterpart.block}' in "
                f"{original.path} (line {counterpart.line}): put it next to the same claim",
            )
    for note_id, note in original_errata.items():
        if note_id not in errata:
            add(
                block_line(page, note.block),
                f"erratum '{note_id}' of {original.path} (line {note.line}) is missing here: "
                "add it, translated, next to the same claim",
            )

    if same_blocks:
        problems.extend(compare_tables(original, page))
    return problems


def compare_tables(original: SectionPage, page: SectionPage) -> list[Problem]:
    problems: list[Problem] = []
    blocks: dict[str | None, list] = defaultdict(list)
    original_blocks: dict[str | None, list] = defaultdict(list)
    for table in page.tables:
        blocks[table.block].append(table)
    for table in original.tables:
        original_blocks[table.block].append(table)
    block_lines = {b.heading.anchor: b.heading.line for b in page.blocks}
    for block in dict.fromkeys([*original_blocks, *blocks]):
        mine, theirs = blocks.get(block, []), original_blocks.get(block, [])
        where = f"block '{block}'" if block else "the text before the first block"
        if len(mine) != len(theirs):
            add_line = mine[0].line if mine else block_lines.get(block, page.body_line)
            problems.append(
                Problem(
                    page.path,
                    add_line,
                    "parity",
                    f"{where} has {count(len(mine), 'table')} here but {len(theirs)} in "
                    f"{original.path}: translate every table, and add none",
                )
            )
            continue
        for index, (table, other) in enumerate(zip(mine, theirs, strict=True)):
            label = (
                f"the {ORDINAL[index] if index < len(ORDINAL) else str(index + 1) + 'th'} table of {where}"
            )
            if (table.rows, table.columns) != (other.rows, other.columns):
                problems.append(
                    Problem(
                        page.path,
                        table.line,
                        "parity",
                        f"{label} has {count(table.rows, 'row')} x {count(table.columns, 'column')} here but "
                        f"{other.rows} x {other.columns} in {original.path} (line {other.line}): "
                        "translate every row and cell",
                    )
                )
            if table.illustrative != other.illustrative:
                where_label = original.path if other.illustrative else page.path
                problems.append(
                    Problem(
                        page.path,
                        table.line,
                        "parity",
                        f"{label} is labelled 'illustrative figures' only in {where_label}: "
                        "label it in both languages or in neither",
                    )
                )
    return problems


def block_at(page: SectionPage, line: int) -> str | None:
    """The anchor of the block that holds a line."""
    return next((b.heading.anchor for b in reversed(page.blocks) if b.heading.line <= line), None)


def block_line(page: SectionPage, name: str | None) -> int:
    """Where a block starts on a page (its heading), for a problem that belongs in it."""
    return next((b.heading.line for b in page.blocks if b.heading.anchor == name), page.body_line)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def describe_anchors(anchors: list[str | None]) -> str:
    return ", ".join(a if a else "(no anchor)" for a in anchors) if anchors else "no blocks"


def check_tag_names(pages: dict[str, dict[str, SectionPage]], default: str, language: str) -> list[Problem]:
    """A topic has one name per language: tags pair up by position, and a pair is the same on every page."""
    problems: list[Problem] = []
    pairs: list[tuple[str, str, SectionPage]] = []
    for name, page in pages.get(language, {}).items():
        original = pages.get(default, {}).get(name)
        tags = (page.front_matter or {}).get("tags")
        original_tags = (original.front_matter or {}).get("tags") if original else None
        if isinstance(tags, list) and isinstance(original_tags, list) and len(tags) == len(original_tags):
            pairs += [(str(o), str(t), page) for o, t in zip(original_tags, tags, strict=True)]
    for side in (0, 1):
        first_page: dict[tuple[str, str], SectionPage] = {}
        names: dict[str, Counter] = defaultdict(Counter)
        for pair in pairs:
            key, value = pair[side], pair[1 - side]
            names[key][value] += 1
            first_page.setdefault((key, value), pair[2])
        for key, value, page in ((p[side], p[1 - side], p[2]) for p in pairs):
            usual = names[key].most_common(1)[0][0]
            if value == usual:
                continue
            other = first_page[(key, usual)].path
            if side == 0:
                message = f"topic '{key}' is tagged '{usual}' in {other} but '{value}' here"
            else:
                message = f"tag '{key}' stands for '{usual}' in {other} but for '{value}' here"
            problems.append(
                Problem(
                    page.path,
                    page.field_line("tags"),
                    "parity",
                    f"{message}: use one name per topic, and list tags in the same order in both languages",
                )
            )
    return problems


def check_drift(project: Project, report: Report, language: str) -> list[Problem]:
    """A translation records which version of its original it translates (`translation_of`).

    A translation that is behind its original is a notice, not an error: the page ships with an "out of
    date" note, and the translation status pages list it. A record that is not a record is an error.
    """
    problems: list[Problem] = []
    originals = report.pages.get(project.default, {})
    for name, page in report.pages.get(language, {}).items():
        original = originals.get(name)
        if original is None or not original.readable or page.front_matter is None:
            continue
        record = page.front_matter.get(RECORD_FIELD)
        current = original.body_hash()
        command = f"'{CHECK_COMMAND} --update-translation-record {page.path}'"
        if record is None:
            message = (
                f"no translation record: once this page translates {original.path} as it is, run {command}"
            )
        elif not isinstance(record, str) or not RECORD_RE.match(record):
            problems.append(
                Problem(
                    page.path,
                    page.field_line(RECORD_FIELD),
                    "drift",
                    f"'{RECORD_FIELD}: {shown(reprlib.repr(record))}' is not a record written by {command}: "
                    "run it to write one",
                )
            )
            continue
        elif record != current:
            message = (
                f"{original.path} changed since this translation was recorded ({record}, now {current}): "
                f"see what changed with '{CHECK_COMMAND} --diff {page.path}', bring this page up to date, "
                f"then run {command}"
            )
        else:
            continue
        report.outdated[page.path] = original.path
        line = page.field_line(RECORD_FIELD) if RECORD_FIELD in page.front_matter else 1
        problems.append(Problem(page.path, line, "drift", message, severity="notice"))
    return problems
