"""Which files the contributor changed, so that messages start with their change and speak of it.

Plain Python, no MkDocs import. Git knows best: the files in docs/ and data/ that differ from where the
branch left the base branch (`git merge-base HEAD origin/main`, else `main`; `LLM_QA_BASE=<rev>`
names another base), staged, unstaged and untracked changes included. Without git (not installed, not
a repository, a copy of the project outside one, docs/ not tracked) the files' modification times
stand in: a file saved after most of the others (later than their median) counts as changed, and of
a pair of pages the newer one is the one the change is about. Detection is a handful of git commands,
each bounded in time and output, and never raises: whatever fails, less is known, and the messages
fall back to naming both files.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from llmqa.translation.history import git

BASE_VARIABLE = "LLM_QA_BASE"
BASES = ("origin/main", "main")
MAX_FILES = 20_000  # more paths than this is not a contributor's change: the rest is ignored
MTIME_MARGIN = 5.0  # seconds after the median: later than a checkout or an unpacked archive takes


@dataclass(frozen=True)
class Changes:
    """What the change is: changed and added paths (from the project root), or file times to guess."""

    files: frozenset[str] = frozenset()  # changed: added, modified or deleted
    added: frozenset[str] = frozenset()  # new in the change (git only: without it nothing is known new)
    mtimes: dict[str, float] = field(default_factory=dict)  # without git: path -> modification time
    from_git: bool = False

    def changed(self, path: str | None) -> bool:
        return path in self.files

    def is_new(self, path: str) -> bool:
        """Whether the file is new in the change; without git that cannot be known, so a file is
        taken as new (a translation without a record is then in sync, never out of date)."""
        return path in self.added if self.from_git else True

    def explains(self, first: str, second: str) -> str | None:
        """The one of two files the change is about: the changed one when the other is not; without git
        the newer one when both look changed. None when nothing tells them apart (the message then
        names both files and blames neither)."""
        one, other = self.changed(first), self.changed(second)
        if one != other:
            return first if one else second
        if self.from_git or not one:
            return None
        first_time, second_time = self.mtimes.get(first, 0.0), self.mtimes.get(second, 0.0)
        if first_time == second_time:
            return None
        return first if first_time > second_time else second


def detect(root: Path, folders: list[str]) -> Changes:
    """The change in `folders` (paths from `root`, e.g. ['docs', 'data']): from git, else from file times."""
    found = from_git(root, folders)
    return found if found is not None else from_mtimes(root, folders)


def from_git(root: Path, folders: list[str]) -> Changes | None:
    """The change as git sees it, or None when git cannot tell (then file times are used)."""
    tracked = git(root, "ls-files", "-z", "--", *folders)
    if not tracked:  # git missing, not a repository, or the pages are not in it
        return None
    base = base_revision(root)
    files: set[str] = set()
    added: set[str] = set()
    diff = ("diff", "--name-status", "-z", "--no-renames", "--relative")
    if base is not None:  # the working tree against the base: commits, staged and unstaged changes
        read_name_status(git(root, *diff, base, "--", *folders), files, added)
    else:  # no commit yet: what is staged, and what changed since
        read_name_status(git(root, *diff, "--cached", "--", *folders), files, added)
        read_name_status(git(root, *diff, "--", *folders), files, added)
    untracked = paths(git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", *folders))
    files.update(untracked)
    added.update(untracked)
    return Changes(files=frozenset(files), added=frozenset(added), from_git=True)


def base_revision(root: Path) -> str | None:
    """The commit the change is measured from: where HEAD left the base branch; the base itself when
    history does not join them (a shallow clone); HEAD when there is no base; None without a commit."""
    override = os.environ.get(BASE_VARIABLE, "").strip()
    candidates = (override,) if override else BASES
    for name in candidates:
        base = commit_of(root, name)
        if base is None:
            continue
        joined = git(root, "merge-base", "HEAD", base)
        return joined.strip() if joined else base
    return commit_of(root, "HEAD")


def commit_of(root: Path, name: str) -> str | None:
    if name.startswith("-"):  # a revision, never an option
        return None
    found = git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    return found.strip() if found and found.strip() else None


def paths(output: str | None) -> list[str]:
    return [path for path in (output or "").split("\0")[:MAX_FILES] if path]


def read_name_status(output: str | None, files: set[str], added: set[str]) -> None:
    """`git diff --name-status -z` output: status, NUL, path, NUL, ... (no renames: one path each)."""
    entries = paths(output)
    for status, path in zip(entries[::2], entries[1::2], strict=False):
        files.add(path)
        if status.startswith("A"):
            added.add(path)


def from_mtimes(root: Path, folders: list[str]) -> Changes:
    """Without git: the files saved after most of the others, and every file's time for pairs."""
    mtimes = file_times(root, folders)
    if not mtimes:
        return Changes()
    median = statistics.median(mtimes.values())
    changed = frozenset(path for path, time in mtimes.items() if time > median + MTIME_MARGIN)
    return Changes(files=changed, mtimes=mtimes)


def file_times(root: Path, folders: list[str]) -> dict[str, float]:
    """Path from `root` -> modification time of every file in `folders` (links not followed)."""
    mtimes: dict[str, float] = {}
    for folder in folders:
        for directory, _, names in os.walk(root / folder):
            for name in names:
                if len(mtimes) >= MAX_FILES:
                    return mtimes
                path = Path(directory) / name
                try:
                    mtimes[path.relative_to(root).as_posix()] = path.lstat().st_mtime
                except (OSError, ValueError):
                    continue
    return mtimes
