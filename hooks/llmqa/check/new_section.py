"""`make new-section SLUG=<slug> [TOPIC=<topic>]`: a new section's two files, from the template.

A section is two files: docs/zh/<slug>.md (the original) and docs/en/<slug>.md (its translation).
This writes both with the next free number, the topic in each language's name, and the four blocks
to fill in; the nav, the home pages, the topic index and every count follow from them at the build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from llmqa.sections.model import MAX_SECTION_ID, SLUG_RE, is_section_id
from llmqa.sections.page import read_page

TEMPLATES = {
    "zh": """---
id: {id}
tags:
  - {topic}
---

# 这一节的标题

## 题目 {{#question}}

这一节的问题，一两句话。

## 答案 {{#answer}}

答案：要点可以写成列表。

## 举例 {{#example}}

举例说明，至少有一张表：

| 方法 | 作用 |
| --- | --- |
| 第一种方法 | 它的作用 |

## 解析 {{#analysis}}

解析：为什么是这样，有什么取舍。
""",
    "en": """---
id: {id}
tags:
  - {topic}
---

# The section's title

## Question {{#question}}

The section's question, in a sentence or two.

## Answer {{#answer}}

The answer: its points can be a list.

## Example {{#example}}

An example, with at least one table:

| Method | What it does |
| --- | --- |
| The first method | What it does |

## Analysis {{#analysis}}

The analysis: why it is so, and what it trades off.
""",
}


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV [NAME, default]` is read as its default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [None]
    return value[-1]


_Loader.add_constructor("!ENV", _env)


def site_topics(mkdocs_yml: Path) -> list[tuple[str, str]]:
    """(Chinese name, English name) of each topic of the nav, in nav order."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader) or {}
    english: dict[str, str] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in (plugin["i18n"] or {}).get("languages") or []:
                if language.get("locale") == "en":
                    english = language.get("nav_translations") or {}
    return [
        (title, english.get(title, title))
        for entry in config.get("nav") or []
        if isinstance(entry, dict)
        for title, children in entry.items()
        if isinstance(children, list)
    ]


def next_number(folder: Path) -> int:
    numbers = [
        (read_page(path.name, path.read_bytes()).front_matter or {}).get("id")
        for path in sorted(folder.glob("*.md"))
    ]
    return max((n for n in numbers if is_section_id(n)), default=0) + 1


def new_section(root: Path, slug: str, topic: str | None) -> list[str]:
    """The two files written, or an error message (raised as SystemExit) saying what to change."""
    if not SLUG_RE.match(slug or ""):
        raise SystemExit(
            f"'{slug}' cannot be a section's file name: use lowercase ASCII letters, digits and '-' "
            "(it is the page's URL), e.g. make new-section SLUG=knowledge-distillation"
        )
    topics = site_topics(root / "mkdocs.yml")
    if not topics:
        raise SystemExit("mkdocs.yml's nav has no topics (`- 推理与部署: []`): add one first")
    chosen = topics[0] if topic is None else next((t for t in topics if topic in t), None)
    if chosen is None:
        names = ", ".join(f"{zh} ({en})" for zh, en in topics)
        raise SystemExit(f"'{topic}' is not a topic of the nav: use one of {names}")
    paths = {lang: root / "docs" / lang / f"{slug}.md" for lang in TEMPLATES}
    for path in paths.values():
        if path.exists():
            raise SystemExit(f"{path.relative_to(root)} exists already: choose another SLUG")
    number = next_number(root / "docs" / "zh")
    if number > MAX_SECTION_ID:
        raise SystemExit(f"no section number is free (they go up to {MAX_SECTION_ID})")
    for lang, path in paths.items():
        name = chosen[0] if lang == "zh" else chosen[1]
        path.write_text(TEMPLATES[lang].format(id=number, topic=name), encoding="utf-8")
    return [path.relative_to(root).as_posix() for path in paths.values()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", help="the file name without .md, which is the page's URL")
    parser.add_argument("--topic", help="the nav topic it is listed under (Chinese or English name)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[3])
    args = parser.parse_args(argv)
    written = new_section(args.root, args.slug, args.topic or None)
    print(f"Wrote {' and '.join(written)}: write the section in both (the four blocks), then")
    print("`make serve` shows it at its place in the nav and on both home pages; `make check` checks it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
