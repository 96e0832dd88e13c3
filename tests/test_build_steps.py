"""The order of every step of a build: each MkDocs event's handlers, as MkDocs will call them.

The order lives in one place (hooks/llmqa/plugin.py, with Material's and mkdocs-static-i18n's
priorities around it). This test writes down what MkDocs registered and compares it with
tests/fixtures/build_steps.txt, so that a change of order is a change someone sees in review: run
`python tests/test_build_steps.py` to write the file again after a deliberate change.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "fixtures" / "build_steps.txt"


def build_steps() -> str:
    """One line per handler: event, priority, whose handler (plugin or hook module) and its name."""
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    finally:
        os.chdir(cwd)
    lines = []
    for event, handlers in config.plugins.events.items():
        for handler in handlers:
            owner = config.plugins._event_origins.get(handler, "?")
            name = getattr(handler, "__name__", type(handler).__name__)
            priority = getattr(handler, "mkdocs_priority", 0)
            lines.append(f"{event:<16} {priority:>5}  {owner}: {name}")
    return "\n".join(lines) + "\n"


def test_the_build_runs_its_steps_in_the_recorded_order():
    assert build_steps() == EXPECTED.read_text(encoding="utf-8"), (
        "the order of the build's steps changed: if that is deliberate, run "
        "'python tests/test_build_steps.py' and commit tests/fixtures/build_steps.txt"
    )


def test_the_pipeline_is_the_only_hook_and_holds_every_site_step():
    steps = build_steps().splitlines()
    owners = {line.split(":", 1)[0].split()[-1] for line in steps}
    assert owners == {"hooks/pipeline.py", "material/search", "material/tags", "i18n"}, owners
    ours = [line for line in steps if "hooks/pipeline.py" in line]
    assert len(ours) >= 12


if __name__ == "__main__":
    EXPECTED.write_text(build_steps(), encoding="utf-8")
    sys.stdout.write(EXPECTED.read_text(encoding="utf-8"))
