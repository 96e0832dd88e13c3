"""Compare two built sites file by file: which files only one has, and which differ.

    python benchmarks/compare_builds.py SITE_A SITE_B          # two folders already built
    python benchmarks/compare_builds.py --rev REV [--content]  # build REV's code, and this tree, then compare

With --rev, REV is checked out into a temporary worktree and built with `mkdocs build --strict`, then the
working tree is built too, both with an empty card cache; --content copies this tree's docs/ and data/
into REV's worktree first, so that only code is compared. Link-preview PNGs are compared by their
pixels (their text chunks name the drawing code's digest). Exit 1 when any file differs: a move of
code that should change nothing shows "identical".
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def png_pixels(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.mode.encode() + repr(image.size).encode() + image.tobytes()


def same(a: Path, b: Path) -> bool:
    data_a, data_b = a.read_bytes(), b.read_bytes()
    if data_a == data_b:
        return True
    if a.suffix == ".png":
        return png_pixels(data_a) == png_pixels(data_b)
    return False


def compare(site_a: Path, site_b: Path) -> tuple[list[str], list[str], list[str]]:
    """(only in a, only in b, in both but different), as paths relative to each site."""
    files_a = {p.relative_to(site_a).as_posix() for p in site_a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(site_b).as_posix() for p in site_b.rglob("*") if p.is_file()}
    differ = [name for name in sorted(files_a & files_b) if not same(site_a / name, site_b / name)]
    return sorted(files_a - files_b), sorted(files_b - files_a), differ


def first_difference(a: Path, b: Path, width: int = 160) -> str:
    text_a = a.read_text(encoding="utf-8", errors="replace")
    text_b = b.read_text(encoding="utf-8", errors="replace")
    at = next(
        (i for i, (x, y) in enumerate(zip(text_a, text_b, strict=False)) if x != y),
        min(len(text_a), len(text_b)),
    )
    start = max(0, at - width // 2)
    lines = difflib.unified_diff([text_a[start : at + width]], [text_b[start : at + width]], lineterm="", n=0)
    return "\n".join(list(lines)[2:])


def build(project: Path, site: Path, cache: Path) -> None:
    env = {**os.environ, "LLM_QA_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "--strict", "-d", str(site)], cwd=project, env=env, check=True)


def build_both(rev: str, content: bool, work: Path) -> tuple[Path, Path]:
    tree = work / "base"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), rev], cwd=ROOT, check=True)
    try:
        if content:
            for folder in ("docs", "data"):
                shutil.rmtree(tree / folder)
                shutil.copytree(ROOT / folder, tree / folder)
        build(tree, work / "site-base", work / "cache-base")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    build(ROOT, work / "site-here", work / "cache-here")
    return work / "site-base", work / "site-here"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sites", nargs="*", type=Path, help="two built sites")
    parser.add_argument("--rev", help="build this revision's code and the working tree")
    parser.add_argument("--content", action="store_true", help="with --rev: use this tree's docs/ and data/")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as work:
        if args.rev:
            site_a, site_b = build_both(args.rev, args.content, Path(work))
        elif len(args.sites) == 2:
            site_a, site_b = args.sites
        else:
            parser.error("give two built sites, or --rev REV")
        only_a, only_b, differ = compare(site_a, site_b)
        for name in only_a:
            print(f"only in {site_a}: {name}")
        for name in only_b:
            print(f"only in {site_b}: {name}")
        for name in differ:
            print(f"differs: {name}")
            if Path(name).suffix in (".html", ".json", ".xml", ".js", ".css", ".txt"):
                print(first_difference(site_a / name, site_b / name))
        total = len({p for p in site_a.rglob("*") if p.is_file()})
        if not (only_a or only_b or differ):
            print(f"identical: {total} files")
            return 0
        print(f"{len(only_a)} only in the first, {len(only_b)} only in the second, {len(differ)} differ")
        return 1


if __name__ == "__main__":
    sys.exit(main())
