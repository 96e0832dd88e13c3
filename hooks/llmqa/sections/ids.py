"""Section numbers across pages: each id once per language, and one id one file name in every language.

Plain Python, no MkDocs import. When two pages share an id, the one the change is about (changes.py)
is told to take a free number; the page that had the id keeps it and hears nothing, so no message
asks to rename or edit a page the contributor did not touch. When nothing tells the two apart, one
message names both.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from llmqa.sections.changes import Changes
from llmqa.sections.model import is_section_id, language_name
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem, Project, source_path

DUPLICATE_KEY = "duplicate-id"


def check_ids(
    project: Project, pages: dict[str, dict[str, SectionPage]], changes: Changes | None = None
) -> list[Problem]:
    """Ids are unique in each language, and one id has one file name in every language."""
    changes = changes or Changes()
    problems: list[Problem] = []
    names_by_id: dict[int, dict[str, str]] = defaultdict(dict)  # id -> language -> file name
    used = {section_id(page) for names in pages.values() for page in names.values()} - {None}
    for language in project.languages:
        holders: dict[int, list[tuple[str, SectionPage]]] = defaultdict(list)
        for name, page in pages.get(language, {}).items():
            if section_id(page) is not None:
                holders[section_id(page)].append((name, page))
        taken = set(holders)
        for number, sharing in holders.items():
            keeper, others = split(sharing, changes)
            names_by_id[number][language] = keeper[0]
            for (name, page), explained in others:
                free = free_number(project, pages, language, name, taken, used)
                problems.append(duplicate(page, keeper[1], number, free, explained))
    for number, names in names_by_id.items():
        original = names.get(project.default)
        if original is None:
            continue
        for language, name in names.items():
            if name != original:
                problems.append(other_name(project, pages, number, language, name, original, changes))
    return problems


def section_id(page: SectionPage) -> int | None:
    number = (page.front_matter or {}).get("id")
    return number if is_section_id(number) else None


def split(
    sharing: list[tuple[str, SectionPage]], changes: Changes
) -> tuple[tuple[str, SectionPage], list[tuple[tuple[str, SectionPage], bool]]]:
    """Of the pages that share an id: the one that keeps it, and each other with whether the change
    explains that it is the one to move (it touched that page, not the keeper)."""
    if len(sharing) == 2:
        chosen = changes.explains(sharing[0][1].path, sharing[1][1].path)
        if chosen is not None:
            moved = 0 if sharing[0][1].path == chosen else 1
            return sharing[1 - moved], [(sharing[moved], True)]
    untouched = [entry for entry in sharing if not changes.changed(entry[1].path)]
    keeper = untouched[0] if untouched else sharing[0]  # else as the pages come: the first keeps it
    others = [entry for entry in sharing if entry is not keeper]
    touched = bool(untouched) and len(untouched) < len(sharing)
    return keeper, [(entry, touched and changes.changed(entry[1].path)) for entry in others]


def free_number(
    project: Project,
    pages: dict[str, dict[str, SectionPage]],
    language: str,
    name: str,
    taken: set[int],
    used: set[int],
) -> str:
    """A number to suggest: the page's translation's (or original's) when no page of this language has
    it, else the next after every number in use."""
    for other in project.languages:
        counterpart = pages.get(other, {}).get(name)
        number = section_id(counterpart) if counterpart and other != language else None
        if number is not None and number not in taken:
            return (
                f"{number} (the {language_name(other)} page, {counterpart.path}, has it; "
                f"no {language_name(language)} page does)"
            )
    return f"{max(used, default=0) + 1} (the next free one)"


def duplicate(page: SectionPage, keeper: SectionPage, number: int, free: str, explained: bool) -> Problem:
    if explained:
        message = f"id {number} is already §{number} ({keeper.path}): give this page a free number, e.g. "
        message += free
    else:
        message = (
            f"id {number} is used by both {keeper.path} (line {keeper.field_line('id')}) and this page: "
            f"every section needs its own number; give one of them a free one, e.g. {free}"
        )
    return Problem(page.path, page.field_line("id"), "identity", message, key=DUPLICATE_KEY)


def other_name(
    project: Project,
    pages: dict[str, dict[str, SectionPage]],
    number: int,
    language: str,
    name: str,
    original: str,
    changes: Changes,
) -> Problem:
    """One id, two file names: the translation is renamed, unless the change is the original's id."""
    page, original_page = pages[language][name], pages[project.default][original]
    if changes.explains(original_page.path, page.path) == original_page.path:
        folder = PurePosixPath(page.path).parent.name
        return Problem(
            original_page.path,
            original_page.field_line("id"),
            "identity",
            f"id {number} is {page.path} in {language_name(folder)}, a page with another file name: give "
            "this page the number of its own translation, or a free one",
        )
    return Problem(
        page.path,
        page.field_line("id"),
        "identity",
        f"id {number} is {source_path(project, project.default, original)} in the original language: "
        f"rename this file to '{original}' (one file name in every language)",
    )
