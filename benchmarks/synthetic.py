"""A copy of the project whose sections are N copies of one real section page, in both languages,
for timing the real build at scale.

Each copy keeps the page's body unchanged (so a translation's `translation_of` record still matches
its original) and gets its own file name and id; the nav lists the copies, and the home pages become
a short page that links to no section (they list the 20 real ones by name).

nav="flat" lists every copy under 章节, as the site lists its 20 sections. nav="grouped" is a what-if:
groups of GROUP sections under 章节, with Material's navigation.prune, so that each page renders its
own group and the other groups' titles instead of every section.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PILOT = "inference-bottlenecks"
GROUP = 20
SKIP = {".git", ".venv", "node_modules", "site", "test-results", ".pytest_cache", ".ruff_cache", ".cache"}
FRONT_MATTER_ID = re.compile(r"^id:\s*\d+\s*$", re.MULTILINE)
NAV_SECTIONS = re.compile(r"(?m)^(?P<indent> *)- 章节:\n(?:(?P=indent)    - .*\n)+")
HOME = {
    "zh": "---\nhide:\n  - navigation\n---\n\n# LLM 问答\n\n合成的章节，仅用于测量构建时间。\n",
    "en": "---\nhide:\n  - navigation\n---\n\n# LLM Q&A\n\nSynthetic sections, for timing the build.\n",
}


def slug(number: int) -> str:
    return f"{PILOT}-{number:04d}"


def is_section(page: Path) -> bool:
    text = page.read_text(encoding="utf-8")
    return text.startswith("---\n") and bool(FRONT_MATTER_ID.search(text.split("\n---", 1)[0]))


def copy_project(dest: Path) -> None:
    shutil.copytree(
        ROOT,
        dest,
        ignore=lambda folder, names: [n for n in names if n in SKIP or n == "__pycache__"],
        dirs_exist_ok=True,
    )


def nav_items(indent: str, sections: int, nav: str) -> str:
    if nav == "flat":
        return "".join(f"{indent}    - {slug(n)}.md\n" for n in range(1, sections + 1))
    items = ""
    for first in range(1, sections + 1, GROUP):
        last = min(first + GROUP - 1, sections)
        items += f"{indent}    - {first}–{last}:\n"
        items += "".join(f"{indent}        - {slug(n)}.md\n" for n in range(first, last + 1))
    return items


def make_project(dest: Path, sections: int, nav: str = "flat") -> Path:
    """Write the project with `sections` copies of the pilot section into `dest`; return dest."""
    copy_project(dest)
    languages = sorted(p.name for p in (dest / "docs").iterdir() if p.is_dir())
    pilots = {lang: (dest / "docs" / lang / f"{PILOT}.md").read_text(encoding="utf-8") for lang in languages}
    for lang in languages:
        folder = dest / "docs" / lang
        for page in folder.glob("*.md"):
            if is_section(page):
                page.unlink()
        (folder / "index.md").write_text(HOME.get(lang, HOME["en"]), encoding="utf-8")
        for number in range(1, sections + 1):
            text = FRONT_MATTER_ID.sub(f"id: {number}", pilots[lang], count=1)
            (folder / f"{slug(number)}.md").write_text(text, encoding="utf-8")
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    match = NAV_SECTIONS.search(text)
    if match is None:
        raise RuntimeError("mkdocs.yml has no '- 章节:' nav list to replace")
    indent = match.group("indent")
    listed = f"{indent}- 章节:\n{nav_items(indent, sections, nav)}" if sections else ""
    text = text[: match.start()] + listed + text[match.end() :]
    if nav == "grouped":
        features = re.search(r"(?m)^(?P<indent> +)- navigation\.", text)
        if features is None:
            raise RuntimeError(
                "mkdocs.yml lists no navigation.* theme feature to add navigation.prune next to"
            )
        if "navigation.prune" not in text:
            text = (
                text[: features.start()]
                + f"{features.group('indent')}- navigation.prune\n"
                + text[features.start() :]
            )
    config.write_text(text, encoding="utf-8")
    return dest
