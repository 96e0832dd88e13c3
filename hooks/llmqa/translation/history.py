"""What git knows about the pages: when each last changed, and which version a translation records.

Plain Python, no MkDocs import. Git may be missing, the folder may not be a repository, or the clone
may be shallow (CI checks out one commit unless told otherwise): then nothing is known, every function
says so by returning None or an empty result, and callers show what they can without it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from llmqa.sections.page import read_page

MAX_COMMITS = 500  # how far back a translation record is looked for


def git(root: Path, *args: str) -> str | None:
    """The output of a git command run in `root`, or None if git is missing or the command fails."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def is_full_history(root: Path) -> bool:
    """True in a repository with its whole history (not shallow, not outside git)."""
    return git(root, "rev-parse", "--is-shallow-repository") == "false\n"


def last_changed(root: Path, folder: str) -> dict[str, str]:
    """Path (from the repository root) -> date (YYYY-MM-DD) of the last commit that changed it, for
    every file under `folder`; empty without the whole history. One git command for all files."""
    if not is_full_history(root):
        return {}
    output = git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder)
    dates: dict[str, str] = {}
    for entry in (output or "").split("\0")[1:]:
        date, *paths = entry.strip().split("\n")
        for path in paths:
            if path:
                dates.setdefault(path, date)
    return dates


@dataclass(frozen=True)
class RecordedVersion:
    """The version of an original that a translation records, as found in git history."""

    commit: str
    date: str  # YYYY-MM-DD of that commit
    body: str  # the original's text below its front matter, at that commit
    changed_on: str | None  # date of the first later commit that changed that text; None: not committed yet


def recorded_version(root: Path, original: str, record: str) -> RecordedVersion | None:
    """The newest commit where the body of `original` (path from the repository root) hashes to
    `record`, and when it changed after that. None if history does not hold it."""
    output = git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H %cs", "--", original)
    commits = [line.split(" ", 1) for line in (output or "").splitlines() if " " in line]
    later: list[tuple[str, str, str]] = []  # (commit, date, body hash), newest first
    for commit, date in commits:
        text = git(root, "show", f"{commit}:{original}")
        if text is None:
            continue
        page = read_page(original, text.encode("utf-8"))
        if page.body_hash() == record:
            changed_on = next((day for _, day, hashed in reversed(later) if hashed != record), None)
            return RecordedVersion(commit, date, page.body, changed_on)
        later.append((commit, date, page.body_hash()))
    return None
