"""The rules across pages: ids and related sections, and each translation against its original
(blocks, notes, anchors, tables, topic names)."""

from __future__ import annotations

from collections import Counter, defaultdict

from llmqa.sections.model import BLOCKS, ORDINAL, SLUG_RE, is_section_id
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem, Project, count, source_path


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
    """A translation against its original: id, tags, related, blocks, anchors, errata, then tables."""
    same_blocks = block_anchors(page) == block_anchors(original)
    found = compare_ids(original, page)
    found += compare_tag_counts(original, page)
    found += compare_related(original, page)
    found += compare_blocks(original, page)
    found += compare_anchors(original, page)
    found += compare_errata(original, page, same_blocks)
    problems = [Problem(page.path, line, "parity", message) for line, message in found]
    if same_blocks:
        problems.extend(compare_tables(original, page))
    return problems


def compare_ids(original: SectionPage, page: SectionPage) -> list[tuple[int, str]]:
    """The same id in both languages."""
    meta, original_meta = page.front_matter or {}, original.front_matter or {}
    if (
        is_section_id(meta.get("id"))
        and is_section_id(original_meta.get("id"))
        and meta["id"] != original_meta["id"]
    ):
        return [
            (
                page.field_line("id"),
                f"id {meta['id']} differs from {original.path} (id {original_meta['id']}): "
                "a section has the same id in every language",
            )
        ]
    return []


def compare_tag_counts(original: SectionPage, page: SectionPage) -> list[tuple[int, str]]:
    """As many tags in both languages (check_tag_names pairs them up)."""
    tags, original_tags = (page.front_matter or {}).get("tags"), (original.front_matter or {}).get("tags")
    if isinstance(tags, list) and isinstance(original_tags, list) and len(tags) != len(original_tags):
        return [
            (
                page.field_line("tags"),
                f"{count(len(tags), 'tag')} here but {len(original_tags)} in {original.path}: "
                "tag the same topics in both languages",
            )
        ]
    return []


def compare_related(original: SectionPage, page: SectionPage) -> list[tuple[int, str]]:
    """The same related sections in both languages."""
    meta = page.front_matter or {}
    related, original_related = meta.get("related") or [], (original.front_matter or {}).get("related") or []
    if (
        isinstance(related, list)
        and isinstance(original_related, list)
        and set(map(str, related)) != set(map(str, original_related))
    ):
        return [
            (
                page.field_line("related") if "related" in meta else 1,
                f"'related' lists {sorted(map(str, related))} here but {sorted(map(str, original_related))} "
                f"in {original.path}: link the same sections in both languages",
            )
        ]
    return []


def compare_blocks(original: SectionPage, page: SectionPage) -> list[tuple[int, str]]:
    """The same blocks, in the same order."""
    blocks, original_blocks = block_anchors(page), block_anchors(original)
    if blocks == original_blocks:
        return []
    return [
        (
            page.blocks[0].heading.line if page.blocks else page.body_line,
            f"the blocks differ from {original.path}: it has {describe_anchors(original_blocks)}, "
            f"this page has {describe_anchors(blocks)}; "
            "give both pages the same '## ... {#anchor}' headings",
        )
    ]


def compare_anchors(original: SectionPage, page: SectionPage) -> list[tuple[int, str]]:
    """The same heading anchors besides the blocks': none added here, none missing."""
    anchors = {h.anchor: h.line for h in page.headings if h.anchor and h.anchor not in BLOCKS}
    original_anchors = {h.anchor: h.line for h in original.headings if h.anchor and h.anchor not in BLOCKS}
    found = [
        (line, f"anchor '#{anchor}' is not in {original.path}: use the same anchors in both languages")
        for anchor, line in anchors.items()
        if anchor not in original_anchors
    ]
    found += [
        (
            block_line(page, block_at(original, line)),
            f"anchor '#{anchor}' of {original.path} (line {line}) is missing here: "
            f"add the same heading with '{{#{anchor}}}'",
        )
        for anchor, line in original_anchors.items()
        if anchor not in anchors
    ]
    return found


def compare_errata(original: SectionPage, page: SectionPage, same_blocks: bool) -> list[tuple[int, str]]:
    """The same errata, each in the same block (when the blocks are the same): none added, none missing."""
    errata = {n.attrs["id"]: n for n in page.notes if n.kind == "erratum" and _text_id(n)}
    original_errata = {n.attrs["id"]: n for n in original.notes if n.kind == "erratum" and _text_id(n)}
    found: list[tuple[int, str]] = []
    for note_id, note in errata.items():
        counterpart = original_errata.get(note_id)
        if counterpart is None:
            found.append(
                (
                    note.line,
                    f"erratum '{note_id}' is not in {original.path}: add it there too, or remove it here",
                )
            )
        elif same_blocks and note.block != counterpart.block:
            found.append(
                (
                    note.line,
                    f"erratum '{note_id}' is in block '{note.block}' here but in '{counterpart.block}' in "
                    f"{original.path} (line {counterpart.line}): put it next to the same claim",
                )
            )
    found += [
        (
            block_line(page, note.block),
            f"erratum '{note_id}' of {original.path} (line {note.line}) is missing here: "
            "add it, translated, next to the same claim",
        )
        for note_id, note in original_errata.items()
        if note_id not in errata
    ]
    return found


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
