"""What the section check found in the build in progress, shared by the hooks that use it.

hooks/validate_hook.py fills it; hooks/translation_status_hook.py reads which translations are out of
date; benchmarks read the timings. A plain module: every hook that imports it gets the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from section_rules import Project, Report


@dataclass
class _LastCheck:
    """What the latest outer build found."""

    project: Project | None = None
    report: Report | None = None
    seconds: float = 0.0  # time the source check took
    rendered_seconds: float = 0.0  # time the rendered checks took in the whole build
    runs: int = 0  # checks run since the hook was loaded: one per build (and per serve rebuild)
    refused: set[str] = field(default_factory=set)  # source files whose rendered page has a problem
    reported_markup: dict[str, set[str]] = field(default_factory=dict)  # source -> markup refused in it
    rendering: str = ""  # the source file being rendered
    reported: bool = False  # the report of this build was given
    sources_by_url: dict[str, str] = field(default_factory=dict)  # site path of a page -> its source
    docs_folder: str = "docs/"  # the docs folder, from the project root


last_check = _LastCheck()
