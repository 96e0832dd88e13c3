"""The site a benchmark measures: the folder given with --site, or a fresh `mkdocs build --strict`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_for(given: Path | None, tmp: Path) -> Path:
    """`given` if set, else the site built into `tmp`/site (a failed build stops with its output)."""
    if given is not None:
        return given
    from tests.conftest import build_env

    site = tmp / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")
    return site
