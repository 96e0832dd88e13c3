"""Drift: which version of its original each translation translates, and the notice when it is behind."""

from __future__ import annotations

import reprlib

from llmqa.safety.messages import shown
from llmqa.sections.model import DIFF_COMMAND, RECORD_COMMAND, RECORD_FIELD, RECORD_RE
from llmqa.sections.report import Problem, Project, Report


def check_drift(project: Project, report: Report, language: str) -> list[Problem]:
    """A translation records which version of its original it translates (`translation_of`).

    A translation that is behind its original is a notice, not an error: the page ships with an "out of
    date" note, and the translation status pages list it. A record that is not a record is an error.
    A new translation with no record yet is in sync by definition (written from the original as it is):
    no notice, and the command line writes its record (`report.unrecorded`). An original with errors is
    not compared: the errors come first, and its translation must not copy them.
    """
    problems: list[Problem] = []
    originals = report.pages.get(project.default, {})
    broken = {problem.file for problem in report.errors}
    for name, page in report.pages.get(language, {}).items():
        original = originals.get(name)
        if original is None or not original.readable or page.front_matter is None:
            continue
        if original.path in broken:
            continue  # compared once the original is fixed, so that no one copies its mistake
        record = page.front_matter.get(RECORD_FIELD)
        current = original.body_hash()
        command = f"'{RECORD_COMMAND.format(path=page.path)}'"
        if record is None and report.changes.is_new(page.path):
            report.unrecorded.append(page.path)  # a new translation is in sync: the CLI records it
            continue
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
                f"see what changed with '{DIFF_COMMAND.format(path=page.path)}', bring this page up to date, "
                f"then run {command}"
            )
        else:
            continue
        report.outdated[page.path] = original.path
        line = page.field_line(RECORD_FIELD) if RECORD_FIELD in page.front_matter else 1
        problems.append(Problem(page.path, line, "drift", message, severity="notice"))
    return problems
