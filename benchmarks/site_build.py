"""The site a benchmark measures: the folder given with --site, or a fresh `mkdocs build --strict`."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_for(given: Path | None, tmp: Path) -> Path:
    """`given` if set, else the site built into `tmp`/site (a failed build stops with its output)."""
    if given is not None:
        return given
    from tests.conftest import mkdocs_build

    site = tmp / "site"
    result = mkdocs_build(ROOT, site)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")
    return site
