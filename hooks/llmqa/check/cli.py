"""Check the section pages from the command line, as pre-commit and the pull-request workflow do.

    python hooks/check_sections.py                  # report problems; exit 1 on errors
    python hooks/check_sections.py --strict         # warnings (translation drift) fail too
                                                    # (both write the record of a new translation)
    python hooks/check_sections.py --github         # GitHub annotations (::error file=...,line=...::...)
    python hooks/check_sections.py --update-translation-record docs/en/overfitting.md
                                                    # after updating a translation (no file: every one)
    python hooks/check_sections.py --diff docs/en/overfitting.md
                                                    # what changed in the original since it was translated
    python hooks/check_sections.py --summary "$GITHUB_STEP_SUMMARY" --base origin/main
                                                    # a pull request's job summary

The same checks run inside `mkdocs build` (hooks/llmqa/safety/build_check.py, step 1).
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import os
import re
import sys
from pathlib import Path

import yaml

from llmqa.check.summary import changed_pages, summary
from llmqa.sections.model import RECORD_FIELD
from llmqa.sections.page import read_page
from llmqa.sections.project import check_project
from llmqa.sections.report import Problem, Project, Report, source_path
from llmqa.translation.history import recorded_version

ROOT = Path(__file__).resolve().parents[3]


class _MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` gives its default, `!!python/...` tags are ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


_MkDocsYamlLoader.add_constructor("!ENV", _env_tag)
_MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def project_from_config(config_file: Path) -> Project:
    """The languages (from the i18n plugin) and the docs folder of an mkdocs.yml."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader) or {}
    root = config_file.resolve().parent
    i18n: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            i18n = plugin["i18n"] or {}
    languages = [
        lang
        for lang in i18n.get("languages") or []
        if isinstance(lang, dict) and lang.get("locale") != "null"
    ]
    if not languages:
        raise SystemExit(f"{config_file}: no i18n languages configured (plugins: - i18n: languages: ...)")
    default = next((lang["locale"] for lang in languages if lang.get("default")), languages[0]["locale"])
    return Project(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        languages=[str(lang["locale"]) for lang in languages],
        default=str(default),
    )


def project_site_url(config_file: Path) -> str:
    """The site_url of an mkdocs.yml (its default, when it comes from the environment)."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader) or {}
    return str(config.get("site_url") or "/")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that puts the problem on the pull request's diff."""
    return problem.annotation()


RECORD_LINE_RE = re.compile(rf"^{RECORD_FIELD}[ \t]*:.*$", re.MULTILINE)


def update_translation_record(project: Project, path: Path) -> str:
    """Write `translation_of: <hash of the original>` in a translation's front matter, say what happened."""
    rel = project.rel(path)
    language = path.resolve().parent.name
    if path.resolve().parent.parent != project.docs_dir.resolve() or language not in project.languages:
        return f"{rel}: not a page in a language folder of {project.rel(project.docs_dir)}/, skipped"
    if language == project.default:
        return f"{rel}: an original ({project.default}), not a translation: skipped"
    original_path = project.docs_dir / project.default / path.name
    if not original_path.is_file():
        return f"{rel}: no original {project.rel(original_path)}: skipped"
    original = read_page(project.rel(original_path), original_path.read_bytes())
    if not original.readable:
        return f"{rel}: the original {original.path} cannot be read ({original.decode_error[1]}): skipped"
    page = read_page(rel, path.read_bytes())
    if not page.readable or page.front_matter is None:
        return f"{rel}: fix its front matter first (run 'python hooks/check_sections.py'): skipped"
    record = original.body_hash()
    if page.front_matter.get(RECORD_FIELD) == record:
        return f"{rel}: already records {original.path} at {record}"
    newline = "\r\n" if page.crlf else "\n"  # keep the file's line endings and BOM as they are
    head = codecs.BOM_UTF8 if page.has_bom else b""
    lines = page.text.split("\n")
    end = page.body_line - 2  # the line that closes the front matter
    entry = f'{RECORD_FIELD}: "{record}"'  # quoted: a hash of digits alone would read as a number
    front = page.front_matter_text
    if RECORD_LINE_RE.search(front):
        front = RECORD_LINE_RE.sub(entry, front, count=1)
    else:
        front = f"{front}\n{entry}" if front else entry
    text = "\n".join([lines[0], *front.split("\n"), *lines[end:]])
    path.write_bytes(head + text.replace("\n", newline).encode("utf-8"))
    return f"{rel}: now records {original.path} at {record}"


def original_diff(project: Project, path: Path) -> tuple[str, int]:
    """The diff of a translation's original since the version the translation records; exit code."""
    rel = project.rel(path)
    language = path.resolve().parent.name
    if language not in project.languages or language == project.default:
        return f"{rel}: not a translation (a page in docs/<language>/ other than {project.default})", 2
    page = read_page(rel, path.read_bytes())
    original_path = project.docs_dir / project.default / path.name
    if not original_path.is_file():
        return f"{rel}: it has no original {project.rel(original_path)}", 2
    original = read_page(project.rel(original_path), original_path.read_bytes())
    record = (page.front_matter or {}).get(RECORD_FIELD)
    if not isinstance(record, str):
        no_record = f"it records no version of {original.path} (no '{RECORD_FIELD}')"
        return f"{rel}: {no_record}: compare the pages by hand", 1
    if record == original.body_hash():
        return f"{rel}: up to date: {original.path} has not changed since it was translated ({record})", 0
    found = recorded_version(project.root, original.path, record)
    if found is None:
        return (
            f"{rel}: the version of {original.path} it records ({record}) is not in this clone's git history "
            "(a shallow clone? run 'git fetch --unshallow'), so the change cannot be shown",
            1,
        )
    when = f"changed on {found.changed_on}" if found.changed_on else "changed, not committed yet"
    diff = difflib.unified_diff(
        found.body.splitlines(keepends=True),
        original.body.splitlines(keepends=True),
        fromfile=f"{original.path} as translated (commit {found.commit[:12]}, {found.date})",
        tofile=f"{original.path} now ({when})",
    )
    return "".join(diff).rstrip("\n"), 0


def record_new_translations(project: Project, report: Report) -> list[str]:
    """Write the record of each new translation, as `make translated` does: a new pair is in sync by
    definition. Not while either page has an error (the original may still change); one line each."""
    broken = {problem.file for problem in report.errors}
    lines = []
    for rel in report.unrecorded:
        original = source_path(project, project.default, Path(rel).name)
        if rel in broken or original in broken:
            continue
        result = update_translation_record(project, project.root / rel)
        lines.append(f"{result} (a new translation is in sync with its original: commit the record with it)")
    return lines


def translation_files(project: Project, report: Report) -> list[Path]:
    return [
        project.root / page.path
        for language, pages in report.pages.items()
        if language != project.default
        for page in pages.values()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml (default: %(default)s)"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (as CI does)")
    parser.add_argument("--github", action="store_true", help="print GitHub annotations")
    parser.add_argument(
        "--update-translation-record",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="record that these translations (default: all) match their originals as they are now",
    )
    parser.add_argument(
        "--diff",
        type=Path,
        metavar="FILE",
        help="show what changed in FILE's original since FILE translated it",
    )
    parser.add_argument("--summary", type=Path, metavar="FILE", help="append a Markdown job summary to FILE")
    parser.add_argument("--base", default="origin/main", help="with --summary: the branch the change goes to")
    parser.add_argument("files", nargs="*", help="ignored: every page is checked, since pages are compared")
    args = parser.parse_args(argv)
    project = project_from_config(args.config)

    if args.update_translation_record is not None:
        files = args.update_translation_record or translation_files(project, check_project(project))
        for file in files:
            path = file if file.is_absolute() else Path.cwd() / file
            print(update_translation_record(project, path) if path.is_file() else f"{file}: no such file")
        return 0

    if args.diff is not None:
        path = args.diff if args.diff.is_absolute() else Path.cwd() / args.diff
        if not path.is_file():
            print(f"{args.diff}: no such file")
            return 2
        text, code = original_diff(project, path)
        print(text)
        return code

    report = check_project(project)
    if args.github:  # drift the change did not touch is the report's one line, not a mark on the diff
        for problem in report.ordered():
            if problem.severity != "notice" or report.in_change(problem):
                print(github_annotation(problem))
    print(report.format())
    if not args.github:  # on a contributor's machine (make check, pre-commit), not in CI's checkout
        for line in record_new_translations(project, report):
            print(line)
    if args.summary is not None:
        site_url = os.environ.get("SITE_URL") or project_site_url(args.config)
        changed = changed_pages(project, args.base)
        with args.summary.open("a", encoding="utf-8") as file:
            file.write(summary(project, report, changed, site_url))
    failed = bool(report.errors) or (args.strict and bool(report.warnings))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
