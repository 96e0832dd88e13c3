"""reading.js as parts: joined in name order they are the script as it was before the split."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.output.parts import JOINED, is_part, joined_file  # noqa: E402 - needs hooks/ on the path

THEME = ROOT / "overrides"
READING = "assets/javascripts/reading.js"
SPLIT_COMMIT = "e9d020f"  # the last commit with reading.js as one file
PARTS_COMMIT = "e91966a"  # the commit that split it into parts
PART_HEADER = re.compile(r"/\* (\d+)([a-z]?)\. ")


def reading_parts() -> list[Path]:
    folder = THEME / JOINED[READING]
    return sorted(folder.glob("*.js"), key=lambda path: path.name)


def git_show(commit: str, path: str) -> bytes:
    shown = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True)
    if shown.returncode != 0:
        pytest.skip(f"commit {commit} is not available (a shallow clone?)")
    return shown.stdout


def test_joined_script_is_reading_js_before_the_split(tmp_path: Path) -> None:
    """The parts as the split wrote them, joined, are reading.js as it was: the parts have changed
    since (each in its place), the joining has not."""
    if shutil.which("git") is None:
        pytest.skip("git is not available")
    folder = f"overrides/{JOINED[READING]}"
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{PARTS_COMMIT}:{folder}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip(f"commit {PARTS_COMMIT} is not available (a shallow clone?)")
    names = listed.stdout.split()
    assert len(names) == 8, names
    for name in names:
        (tmp_path / name).write_bytes(git_show(PARTS_COMMIT, f"{folder}/{name}"))
    assert joined_file(tmp_path) == git_show(SPLIT_COMMIT, f"overrides/{READING}").decode("utf-8")


def test_parts_follow_their_numbered_part_comments() -> None:
    parts = reading_parts()
    assert parts, "no part of reading.js"
    first_lines = [path.read_text(encoding="utf-8").split("\n", 1)[0] for path in parts]
    assert PART_HEADER.match(first_lines[0]) is None, f"{parts[0].name} should be the shared preamble"
    numbers = []
    for path, line in zip(parts[1:], first_lines[1:], strict=True):
        header = PART_HEADER.match(line)
        assert header, f"{path.name} does not start with its numbered part comment: {line!r}"
        numbers.append((int(header.group(1)), header.group(2)))
    assert numbers == sorted(numbers), [path.name for path in parts]
    assert len(set(numbers)) == len(numbers), numbers
    assert sorted({number for number, _ in numbers}) == list(range(0, 7))


def test_is_part() -> None:
    parts = reading_parts()
    assert parts
    for path in parts:
        assert is_part(path.relative_to(THEME).as_posix()), path
    others = (READING, "assets/javascripts/workers/search-words.js", "assets/javascripts/reading/notes.css")
    for other in others:
        assert not is_part(other), other


def test_empty_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=re.escape(str(tmp_path))):
        joined_file(tmp_path)


STYLESHEET = "assets/stylesheets/site.css"
STYLESHEETS_COMMIT = "06d0db1"  # the last commit with three stylesheets of the site's own
STYLESHEET_PARTS_COMMIT = "79cb1d2"  # the commit that made them parts of one


def test_one_stylesheet_is_the_three_before_it_was_joined(tmp_path: Path) -> None:
    """site.css joined from its parts as the join wrote them is the three stylesheets a page loaded
    before, in their order (the parts have changed since, the joining has not); each part is a
    stylesheet (`*.css`) of the folder, and the joined file is no part."""
    folder = THEME / JOINED[STYLESHEET]
    before = b"".join(
        git_show(STYLESHEETS_COMMIT, f"overrides/assets/stylesheets/{name}")
        for name in ("site.css", "a11y.css", "reading.css")
    )
    names = ("00-site.css", "10-a11y.css", "20-reading.css")
    for name in names:
        (tmp_path / name).write_bytes(
            git_show(STYLESHEET_PARTS_COMMIT, f"overrides/{JOINED[STYLESHEET]}/{name}")
        )
    assert joined_file(tmp_path, ".css") == before.decode("utf-8")
    assert sorted(path.name for path in folder.glob("*.css")) == list(names)
    for path in sorted(folder.glob("*.css")):
        assert is_part(path.relative_to(THEME).as_posix()), path
    assert not is_part(STYLESHEET) and not is_part(f"{JOINED[STYLESHEET]}/notes.js")


def test_a_page_loads_one_stylesheet_and_one_script_of_the_sites_own(built_site) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for page in ("index.html", "overfitting/index.html", "en/overfitting/index.html", "404.html"):
        tree = LexborHTMLParser((built_site / page).read_text(encoding="utf-8"))
        sheets = [link.attributes["href"] for link in tree.css('link[rel="stylesheet"]')]
        ours = [
            href
            for href in sheets
            if "assets/stylesheets/" in href and "main." not in href and "palette." not in href
        ]
        assert len(ours) == 1 and ours[0].split("?")[0].endswith("assets/stylesheets/site.css"), (
            page,
            sheets,
        )
        scripts = [s.attributes.get("src") for s in tree.css("script[src]")]
        names = [src.rsplit("/", 1)[-1] for src in scripts if "assets/javascripts/" in src]
        # One script of the site's own, just before Material's bundle: its part 0 holds back the
        # search worker the bundle starts.
        assert len(names) == 2 and names[0] == "reading.js", (page, scripts)
        assert names[1].startswith("bundle."), (page, scripts)
    built = (built_site / STYLESHEET).read_text(encoding="utf-8")
    for part in ("qa-block", "md-footer", "qa-parallel"):
        assert part in built, part
    assert not (built_site / JOINED[STYLESHEET]).exists(), "the parts are copied into the site"
