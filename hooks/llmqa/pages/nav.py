"""The nav's sections come from the pages: a new section is two files and no line in mkdocs.yml.

mkdocs.yml names the topics, in the order of the nav and the home pages (`- 推理与部署: []`). Each
section joins the topic of its first tag, in number order; its other tags list it in those topics of
the topic index too. A section whose first tag is no topic of the nav is an error on its `tags` line,
and the page is put at the end of the nav meanwhile, so that MkDocs adds no warning of its own
("pages exist in the docs directory, but are not included in the nav") naming no file.
"""

from __future__ import annotations

from llmqa.sections.model import is_section_id
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem

MKDOCS_YML = "mkdocs.yml"


def first_topic(page: SectionPage) -> str | None:
    tags = (page.front_matter or {}).get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str):
        return tags[0]
    return None


def fill_nav(nav: list, pages: dict[str, SectionPage], folder: str) -> list[Problem]:
    """Put every section of `pages` (file name -> page, the default language's) into its topic's group
    of `nav`, in place; the problems name the page and the line to change.

    Runs again on every build of the same config (make serve): what an earlier run added is replaced.
    """
    sections = sorted(
        (page.front_matter["id"], name, page)
        for name, page in pages.items()
        if is_section_id((page.front_matter or {}).get("id"))
    )
    names = {name for _, name, _ in sections}
    groups: dict[str, list] = {}
    kept = []
    for entry in nav:
        if isinstance(entry, str) and entry in names:
            continue  # put at the end by an earlier run
        if isinstance(entry, dict):
            for title, children in entry.items():
                if isinstance(children, list):
                    children[:] = [child for child in children if child not in names]
                    groups[title] = children
        kept.append(entry)
    nav[:] = kept
    problems = []
    topics = list(groups)
    for _, name, page in sections:
        topic = first_topic(page)
        if topic in groups:
            groups[topic].append(name)
            continue
        nav.append(name)
        problems.append(_no_topic(page, f"{folder}/{name}", topic, topics))
    return problems


def _no_topic(page: SectionPage, path: str, topic: str | None, topics: list[str]) -> Problem:
    known = "、".join(topics) if topics else "(none: mkdocs.yml's nav has no topic groups)"
    if topic is None:
        return Problem(
            path,
            page.field_line("tags") or 1,
            "topic",
            "this section has no topic, so it is in no group of the nav and on no home page: add "
            f"`tags:` with one of the topics as the first item ({known})",
        )
    return Problem(
        path,
        page.field_line("tags") or 1,
        "topic",
        f"the first tag '{topic}' is not a topic of the nav: make it one of {known} (the section is "
        f"listed under its first tag), or add the topic as `  - {topic}: []` to the nav in "
        f"{MKDOCS_YML} (with its English name under nav_translations)",
    )
