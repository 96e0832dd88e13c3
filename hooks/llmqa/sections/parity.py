"""The rules across pages: related sections, and each translation against its original (blocks, notes,
anchors, tables, topic names); section numbers: ids.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from llmqa.sections.changes import Changes
from llmqa.sections.ids import DUPLICATE_KEY
from llmqa.sections.model import BLOCKS, ORDINAL, SLUG_RE, expected_heading, is_section_id, language_name
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem, Project, Report, count, source_path
from llmqa.sections.structure import MISSING_BLOCK, block_before


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
    project: Project,
    pages: dict[str, dict[str, SectionPage]],
    language: str,
    unread: set[str] = frozenset(),
    changes: Changes | None = None,
    causes: dict[str, dict[str, Problem]] | None = None,
) -> list[Problem]:
    """Every section in every language, with the same id, blocks, anchors, tags, tables and notes
    (`changes` and `causes`: see compare_pages)."""
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
            problems.extend(compare_pages(original, page, changes, causes))
    return problems


def missing_block_hints(project: Project, report: Report) -> None:
    """A block missing from a page that the other language's page has: the message says where that one
    is and what to do here, so that it is the one message of the mistake (the blocks are then not
    compared again: compare_pages)."""
    for index, problem in enumerate(report.problems):
        if not problem.key.startswith(f"{MISSING_BLOCK}:"):
            continue
        block = problem.key.split(":", 1)[1]
        path = PurePosixPath(problem.file)
        language, name = path.parent.name, path.name
        if language not in project.languages:
            continue
        others = [project.default] if language != project.default else project.languages
        for other_language in others:
            other = report.pages.get(other_language, {}).get(name) if other_language != language else None
            line = heading_line(other, block) if other else None
            if line is None:
                continue
            fix = "add the block back here" if language == project.default else "translate it here"
            message = (
                f"this page has no '{expected_heading(language, block)}' block (it goes after "
                f"{block_before(block)}); the {language_name(other_language)} page ({other.path}) has one "
                f"at line {line}: {fix}"
            )
            report.problems[index] = replace(problem, message=message)
            break


def heading_line(page: SectionPage, block: str) -> int | None:
    """The line of a block's heading on a page, if the page has that block."""
    return next((b.heading.line for b in page.blocks if b.heading.anchor == block), None)


def causes_of(problems: list[Problem]) -> dict[str, dict[str, Problem]]:
    """The first problem of each page that parity differences would follow from: 'id' (a duplicate id)
    and 'body' (a structure error)."""
    causes: dict[str, dict[str, Problem]] = {"id": {}, "body": {}}
    for problem in sorted(problems):
        if problem.key == DUPLICATE_KEY:
            causes["id"].setdefault(problem.file, problem)
        elif problem.rule == "structure" and problem.severity == "error":
            causes["body"].setdefault(problem.file, problem)
    return causes


@dataclass(frozen=True)
class Side:
    """Which page of a pair a message is on (`here`), and the other one (`there`).

    A message goes on the page the change is about: the original when only it changed (a block deleted
    from the Chinese page is reported there, not on the English page), else the translation. Messages
    say "this page" and "the Chinese page (docs/zh/x.md)", never "it"."""

    here: SectionPage
    there: SectionPage
    original_here: bool  # the original is the page the change is about: the fix is there

    @classmethod
    def of(cls, original: SectionPage, page: SectionPage, changes: Changes | None) -> Side:
        if changes is not None and changes.explains(original.path, page.path) == original.path:
            return cls(original, page, True)
        return cls(page, original, False)

    @property
    def other(self) -> str:
        """'the English page (docs/en/x.md)'"""
        return f"{self.other_name} ({self.there.path})"

    def at(self, line: int) -> str:
        """'the English page (docs/en/x.md, line 52)'"""
        return f"{self.other_name} ({self.there.path}, line {line})"

    @property
    def other_name(self) -> str:
        return f"the {language_name(PurePosixPath(self.there.path).parent.name)} page"


def compare_pages(
    original: SectionPage,
    page: SectionPage,
    changes: Changes | None = None,
    causes: dict[str, dict[str, Problem]] | None = None,
) -> list[Problem]:
    """A translation against its original: id, tags, related, blocks, anchors, errata, then tables.

    `causes` ('id' or 'body' -> page path -> problem): a problem of either page that these differences
    follow from (a duplicate id, a broken structure). They are then reported after it, as its
    consequences; the blocks, which its own message names, are not compared again."""
    side = Side.of(original, page, changes)
    causes = causes or {}
    id_cause = cause_of(causes.get("id", {}), side)
    body_cause = cause_of(causes.get("body", {}), side)
    same_blocks = block_anchors(page) == block_anchors(original)
    problems = located(side, compare_ids(side), id_cause)
    problems += located(side, compare_tag_counts(side) + compare_related(side), None)
    found = [] if body_cause else compare_blocks(side)
    found += compare_anchors(side)
    found += compare_errata(side, same_blocks)
    if same_blocks:
        found += compare_tables(side)
    return problems + located(side, found, body_cause)


def cause_of(by_page: dict[str, Problem], side: Side) -> Problem | None:
    return by_page.get(side.here.path) or by_page.get(side.there.path)


def located(side: Side, found: list[tuple[int, str]], cause: Problem | None) -> list[Problem]:
    return [Problem(side.here.path, line, "parity", message, follows=cause) for line, message in found]


def compare_ids(side: Side) -> list[tuple[int, str]]:
    """The same id in both languages."""
    meta, other_meta = side.here.front_matter or {}, side.there.front_matter or {}
    number, other = meta.get("id"), other_meta.get("id")
    if is_section_id(number) and is_section_id(other) and number != other:
        return [
            (
                side.here.field_line("id"),
                f"this page has id {number} but {side.other} has id {other}: a section has the same id "
                f"in every language; give this page id {other}",
            )
        ]
    return []


def compare_tag_counts(side: Side) -> list[tuple[int, str]]:
    """As many tags in both languages (check_tag_names pairs them up)."""
    tags, other_tags = (side.here.front_matter or {}).get("tags"), (side.there.front_matter or {}).get("tags")
    if isinstance(tags, list) and isinstance(other_tags, list) and len(tags) != len(other_tags):
        return [
            (
                side.here.field_line("tags"),
                f"this page has {count(len(tags), 'tag')} but {side.other} has {len(other_tags)}: "
                "tag the same topics in both languages",
            )
        ]
    return []


def compare_related(side: Side) -> list[tuple[int, str]]:
    """The same related sections in both languages."""
    meta = side.here.front_matter or {}
    related, other = meta.get("related") or [], (side.there.front_matter or {}).get("related") or []
    if (
        isinstance(related, list)
        and isinstance(other, list)
        and set(map(str, related)) != set(map(str, other))
    ):
        return [
            (
                side.here.field_line("related") if "related" in meta else 1,
                f"'related' lists {sorted(map(str, related))} on this page but {sorted(map(str, other))} "
                f"on {side.other}: link the same sections in both languages",
            )
        ]
    return []


def compare_blocks(side: Side) -> list[tuple[int, str]]:
    """The same blocks, in the same order."""
    blocks, other = block_anchors(side.here), block_anchors(side.there)
    if blocks == other:
        return []
    return [
        (
            side.here.blocks[0].heading.line if side.here.blocks else side.here.body_line,
            f"the blocks differ: this page has {describe_anchors(blocks)}, {side.other} has "
            f"{describe_anchors(other)}; give both pages the same '## ... {{#anchor}}' headings",
        )
    ]


def compare_anchors(side: Side) -> list[tuple[int, str]]:
    """The same heading anchors besides the blocks': none added here, none missing."""
    here, there = side.here, side.there
    anchors = {h.anchor: h.line for h in here.headings if h.anchor and h.anchor not in BLOCKS}
    other = {h.anchor: h.line for h in there.headings if h.anchor and h.anchor not in BLOCKS}

    def fix(anchor: str) -> str:
        if side.original_here:
            return (
                f"leave '{{#{anchor}}}' out here, or give {side.other_name} the same heading in this change"
            )
        return "use the same anchors in both languages"

    found = [
        (line, f"anchor '#{anchor}' is not on {side.other}: {fix(anchor)}")
        for anchor, line in anchors.items()
        if anchor not in other
    ]
    found += [
        (
            block_line(here, block_at(there, line)),
            f"anchor '#{anchor}' of {side.at(line)} is missing here: "
            f"add the same heading with '{{#{anchor}}}'",
        )
        for anchor, line in other.items()
        if anchor not in anchors
    ]
    return found


def compare_errata(side: Side, same_blocks: bool) -> list[tuple[int, str]]:
    """The same errata, each in the same block (when the blocks are the same): none added, none missing."""
    here, there = side.here, side.there
    errata = {n.attrs["id"]: n for n in here.notes if n.kind == "erratum" and _text_id(n)}
    other = {n.attrs["id"]: n for n in there.notes if n.kind == "erratum" and _text_id(n)}
    if side.original_here:
        extra = (
            f"add it, translated, to {side.other_name} in this change (both languages have the same notes)"
        )
    else:
        extra = "remove it here, or add it there too"
    found: list[tuple[int, str]] = []
    for note_id, note in errata.items():
        counterpart = other.get(note_id)
        if counterpart is None:
            found.append((note.line, f"erratum '{note_id}' is not on {side.other}: {extra}"))
        elif same_blocks and note.block != counterpart.block:
            found.append(
                (
                    note.line,
                    f"erratum '{note_id}' is in block '{note.block}' here but in '{counterpart.block}' on "
                    f"{side.at(counterpart.line)}: put it next to the same claim",
                )
            )
    add = "add it back" if side.original_here else "add it, translated,"
    found += [
        (
            block_line(here, note.block),
            f"erratum '{note_id}' of {side.at(note.line)} is missing here: {add} next to the same claim",
        )
        for note_id, note in other.items()
        if note_id not in errata
    ]
    return found


def compare_tables(side: Side) -> list[tuple[int, str]]:
    """The same tables in each block, each with as many rows and columns, labelled alike."""
    here, there = side.here, side.there
    found: list[tuple[int, str]] = []
    blocks: dict[str | None, list] = defaultdict(list)
    other_blocks: dict[str | None, list] = defaultdict(list)
    for table in here.tables:
        blocks[table.block].append(table)
    for table in there.tables:
        other_blocks[table.block].append(table)
    block_lines = {b.heading.anchor: b.heading.line for b in here.blocks}
    if side.original_here:
        fix = f"make {side.other_name} match in this change, or undo the change here"
    else:
        fix = "translate every table, and add none"
    for block in dict.fromkeys([*other_blocks, *blocks]):
        mine, theirs = blocks.get(block, []), other_blocks.get(block, [])
        where = f"block '{block}'" if block else "the text before the first block"
        if len(mine) != len(theirs):
            found.append(
                (
                    mine[0].line if mine else block_lines.get(block, here.body_line),
                    f"{where} has {count(len(mine), 'table')} on this page but {len(theirs)} on "
                    f"{side.other}: {fix}",
                )
            )
            continue
        for index, (table, other) in enumerate(zip(mine, theirs, strict=True)):
            label = (
                f"the {ORDINAL[index] if index < len(ORDINAL) else str(index + 1) + 'th'} table of {where}"
            )
            if (table.rows, table.columns) != (other.rows, other.columns):
                cells = fix if side.original_here else "translate every row and cell"
                found.append(
                    (
                        table.line,
                        f"{label} has {count(table.rows, 'row')} x {count(table.columns, 'column')} on this "
                        f"page but {other.rows} x {other.columns} on {side.at(other.line)}: " + cells,
                    )
                )
            if table.illustrative != other.illustrative:
                labelled = side.other if other.illustrative else "this page"
                found.append(
                    (
                        table.line,
                        f"{label} is labelled 'illustrative figures' only on {labelled}: "
                        "label it in both languages or in neither",
                    )
                )
    return found


def block_anchors(page: SectionPage) -> list[str | None]:
    """The anchors of a page's blocks, in page order."""
    return [b.heading.anchor for b in page.blocks]


def block_at(page: SectionPage, line: int) -> str | None:
    """The anchor of the block that holds a line."""
    return next((b.heading.anchor for b in reversed(page.blocks) if b.heading.line <= line), None)


def block_line(page: SectionPage, name: str | None) -> int:
    """Where a block starts on a page (its heading), for a problem that belongs in it."""
    return next((b.heading.line for b in page.blocks if b.heading.anchor == name), page.body_line)


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


def _text_id(note) -> bool:
    """Whether a note has an id that is text (another kind is reported by the note's own rule)."""
    return isinstance(note.attrs.get("id"), str) and bool(note.attrs["id"])
