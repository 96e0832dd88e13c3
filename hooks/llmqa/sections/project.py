"""Every page of every language read once, and every rule run: the section check of a whole project.

Plain Python, no MkDocs import. `check_project` returns every problem found as
`Problem(file, line, rule, message)`, each message saying what is wrong and how to fix it. Paths in
messages are relative to the project root. The work is linear in the number of pages.
"""

from __future__ import annotations

from llmqa.safety.files import scan
from llmqa.sections.changes import Changes, detect
from llmqa.sections.ids import check_ids
from llmqa.sections.model import NON_SECTION_PAGES
from llmqa.sections.page import SectionPage, read_page
from llmqa.sections.parity import causes_of, check_parity, check_related, check_tag_names, missing_block_hints
from llmqa.sections.report import Problem, Project, Report
from llmqa.sections.rules import check_other_page, check_page
from llmqa.translation.drift import check_drift


def check_project(project: Project, changes: Changes | None = None) -> Report:
    """Read every page of every language once and run every rule; `changes` (found from git, else from
    file times, when not given) orders the report and says which page of a pair a message is about."""
    if changes is None:
        changes = detect(project.root, [project.rel(project.docs_dir), "data"])
    report = Report(pages={language: {} for language in project.languages}, changes=changes)
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
                problems.extend(page_problems(page, path.name, language, project.default))
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
    missing_block_hints(project, report)
    problems.extend(check_ids(project, report.pages, changes))
    problems.extend(check_related(project, report.pages))
    causes = causes_of(problems)  # what parity differences follow from, to report them after it
    for language in project.languages:
        if language == project.default:
            continue
        problems.extend(check_parity(project, report.pages, language, report.unread, changes, causes))
        problems.extend(check_tag_names(report.pages, project.default, language))
        problems.extend(check_drift(project, report, language))
    return report


def page_problems(page: SectionPage, name: str, language: str, default: str) -> list[Problem]:
    """The rules of one page on its own: a section's, or those of a page that is not one (the preview
    server runs them for a page it builds alone)."""
    if name in NON_SECTION_PAGES:
        return check_other_page(page)
    return check_page(page, language, is_original=language == default)
