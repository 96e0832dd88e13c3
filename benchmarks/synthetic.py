"""A copy of the project whose sections are N copies of one real section page, in both languages,
for timing the real build at scale.

Each copy keeps the page's body unchanged (so a translation's `translation_of` record still matches
its original) and gets its own file name, id and first tag (its nav topic), and the home pages become
a short page that lists the copies by topic, as the real ones list the sections.

nav="grouped" is the site's way: the nav groups sections (the site by topic, the copies in groups of
GROUP) and Material's navigation.prune renders only a page's own group, so a page's HTML does not grow
with the number of sections. nav="flat" is a what-if: every copy in one nav list, on every page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402

PILOT = "inference-bottlenecks"
GROUP = 20
FRONT_MATTER_ID = re.compile(r"^id:\s*\d+\s*$", re.MULTILINE)
# The nav's topics: top-level entries the build fills from the pages' first tags ("  - 推理与部署: []").
NAV_TOPICS = re.compile(r"(?m)^(?P<indent> *)- [^:\n]+: \[\]\n")
FIRST_TAG = re.compile(r"(?m)^(tags:\s*\n\s+-\s*)(.+?)\s*$")
HOME = {
    "zh": "---\nhide:\n  - navigation\n---\n\n# LLM 问答\n\n合成的章节，仅用于测量构建时间。\n\n"
    "<!-- sections by topic -->\n",
    "en": "---\nhide:\n  - navigation\n---\n\n# LLM Q&A\n\nSynthetic sections, for timing the build.\n\n"
    "<!-- sections by topic -->\n",
}


def slug(number: int) -> str:
    return f"{PILOT}-{number:04d}"


def is_section(page: Path) -> bool:
    text = page.read_text(encoding="utf-8")
    return text.startswith("---\n") and bool(FRONT_MATTER_ID.search(text.split("\n---", 1)[0]))


def group_of(number: int, sections: int, nav: str, topic: str) -> str:
    """The topic a copy is tagged with, so the build puts it into that nav group. The first group keeps
    the pilot's topic (it has a name in every language); the others are named by their numbers."""
    if nav == "flat" or number <= GROUP:
        return topic
    first = (number - 1) // GROUP * GROUP + 1
    return f"Sections {first}–{min(first + GROUP - 1, sections)}"


def pilot_topic(text: str) -> str:
    """The first topic (tag) in a page's front matter, as the nav names its group."""
    match = FIRST_TAG.search(text.split("\n---", 1)[0])
    if not match:
        raise RuntimeError(f"docs/zh/{PILOT}.md has no topic (tags:) to name the synthetic nav group after")
    return match.group(2)


def tagged(text: str, topic: str) -> str:
    head, rest = text.split("\n---", 1)
    return FIRST_TAG.sub(lambda m: m.group(1) + topic, head, count=1) + "\n---" + rest


def make_project(dest: Path, sections: int, nav: str = "grouped") -> Path:
    """Write the project with `sections` copies of the pilot section into `dest`; return dest."""
    copy_project(dest)
    languages = sorted(p.name for p in (dest / "docs").iterdir() if p.is_dir())
    pilots = {lang: (dest / "docs" / lang / f"{PILOT}.md").read_text(encoding="utf-8") for lang in languages}
    topic = pilot_topic(pilots.get("zh", ""))
    for lang in languages:
        folder = dest / "docs" / lang
        for page in folder.glob("*.md"):
            if is_section(page):
                page.unlink()
        (folder / "index.md").write_text(HOME.get(lang, HOME["en"]), encoding="utf-8")
        for number in range(1, sections + 1):
            text = FRONT_MATTER_ID.sub(f"id: {number}", pilots[lang], count=1)
            text = tagged(text, group_of(number, sections, nav, topic))
            (folder / f"{slug(number)}.md").write_text(text, encoding="utf-8")
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    groups = list(NAV_TOPICS.finditer(text))
    if not groups:
        raise RuntimeError("mkdocs.yml's nav has no topic ('  - <topic>: []') to replace")
    indent = groups[0].group("indent")
    names = dict.fromkeys(group_of(n, sections, nav, topic) for n in range(1, sections + 1)) or {topic: None}
    listed = "".join(f"{indent}- {name}: []\n" for name in names)
    text = text[: groups[0].start()] + listed + text[groups[-1].end() :]
    if nav == "flat":
        text = re.sub(r"(?m)^ +- navigation\.prune\n", "", text)
    elif not re.search(r"(?m)^ +- navigation\.prune$", text):
        raise RuntimeError("mkdocs.yml no longer enables navigation.prune: update benchmarks/synthetic.py")
    config.write_text(text, encoding="utf-8")
    return dest
