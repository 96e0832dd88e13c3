"""Home and topic pages serve a reader who arrives from a link (issue 11): every topic has one ASCII
anchor shared by both languages, on the home page and the topic index alike; the topic index lists
topics in the nav's order, each with its sections numbered and in number order; the home page says
where the text comes from, how corrections are marked and reported, and offers practice mode."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.reading import IN_VIEW, LANGUAGES, open_language_menu
from tests.test_site_build import SECTION_SLUGS
from tests.test_validate_hook import build, edit

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.pages.topics import nav_topics, topic_table

LANG_DIRS = {"zh": "", "en": "en/"}
ASCII_ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _article(site: Path, lang: str, page: str) -> str:
    html = (site / LANG_DIRS[lang] / page / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def _topics(article: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(anchor, name, [(link, text)]) for each h2 of a page and the section links below it."""
    parts = re.split(r'(<h2 id="[^"]*">.*?</h2>)', article, flags=re.S)
    topics = []
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        anchor = re.search(r'id="([^"]*)"', heading).group(1)
        links = re.findall(r'<a href="(?:\.\./)?([a-z-]+)/">\s*(.*?)\s*</a>', body, flags=re.S)
        topics.append((anchor, _text(heading), [(slug, _text(title)) for slug, title in links]))
    return topics


def _section_topics(site: Path, lang: str, slug: str) -> list[tuple[str, str]]:
    """(topic index URL, name) of each topic chip on a section page."""
    html = (site / LANG_DIRS[lang] / slug / "index.html").read_text(encoding="utf-8")
    return [
        (href, _text(name)) for href, name in re.findall(r'<a href="([^"]*)" class="md-tag">(.*?)</a>', html)
    ]


def _nav_order(site_config) -> list[str]:
    return nav_topics(site_config["nav"])


def test_home_topics_have_one_ascii_anchor_in_both_languages(built_site, site_config):
    anchors = {lang: [a for a, _, _ in _topics(_article(built_site, lang, ""))] for lang in LANG_DIRS}
    assert anchors["zh"] == anchors["en"], anchors
    assert all(ASCII_ANCHOR.match(a) for a in anchors["zh"]), anchors["zh"]
    assert len(anchors["zh"]) == len(_nav_order(site_config))


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_topic_index_lists_topics_in_home_order_with_numbered_sections_in_number_order(built_site, lang):
    home = _topics(_article(built_site, lang, ""))
    index = _topics(_article(built_site, lang, "tags"))
    assert [(a, n) for a, n, _ in index] == [(a, n) for a, n, _ in home], "topics differ from the home page"
    for anchor, name, sections in index:
        numbers = []
        for _slug, title in sections:
            match = re.match(r"(\d+)\. \S", title)
            assert match, f"{lang} topic index, {name}: {title!r} has no section number"
            numbers.append(int(match.group(1)))
        assert numbers == sorted(numbers), f"{lang} topic index, {name}: sections out of order {numbers}"
        home_sections = dict(next(s for a, _, s in home if a == anchor))
        for slug, title in sections:
            if slug in home_sections:
                assert title == home_sections[slug], (
                    f"{lang}: {slug} is {title!r} here, {home_sections[slug]!r} home"
                )


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_every_section_is_listed_under_each_of_its_topics(built_site, lang):
    index = {
        name: {slug for slug, _ in sections}
        for _, name, sections in _topics(_article(built_site, lang, "tags"))
    }
    anchors = {name: anchor for anchor, name, _ in _topics(_article(built_site, lang, "tags"))}
    for slug in SECTION_SLUGS:
        chips = _section_topics(built_site, lang, slug)
        assert chips, f"{lang}/{slug} shows no topic"
        for href, name in chips:
            assert slug in index[name], f"{lang}: {slug} is tagged {name!r} but not listed under it"
            assert href.endswith(f"tags/#{anchors[name]}"), f"{lang}/{slug}: topic link {href}"


def test_a_section_shows_its_topics_in_the_same_order_and_anchors_in_both_languages(built_site):
    for slug in SECTION_SLUGS:
        zh, en = (_section_topics(built_site, lang, slug) for lang in LANG_DIRS)
        assert [h.split("#")[1] for h, _ in zh] == [h.split("#")[1] for h, _ in en], slug


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_topic_index_and_home_open_with_what_a_newcomer_needs(built_site, lang):
    index = _article(built_site, lang, "tags")
    intro = _text(index[index.index("</h1>") : index.index("<h2")])
    assert {"zh": "多个主题", "en": "several topics"}[lang] in intro, intro
    home = _article(built_site, lang, "")
    opening = _text(home[home.index("</h1>") : home.index("<h2")])
    expected = {
        "zh": [
            "原文是",
            "勘误",
            "出处",
            "编辑按钮",
            "问题表单",
            "小旗子",
            "翻译状态",
            "练习模式",
            "多个主题",
            "主题索引",
        ],
        "en": [
            "the original is",
            "Erratum",
            "source",
            "edit button",
            "issue form",
            "flag button",
            "translation status",
            "Practice mode",
            "several topics",
        ],
    }[lang]
    for phrase in expected:
        assert phrase in opening, f"{lang} home does not say {phrase!r}:\n{opening}"
    assert re.search(r'<a href="tags/">', home[: home.index("<h2")]), (
        f"{lang} home does not link the topic index"
    )


def test_topic_table_gives_every_name_of_a_topic_its_nav_position_and_english_anchor():
    topics = ["推理与部署", "负责任 AI"]
    translations = {"zh": {}, "en": {"推理与部署": "Inference & Deployment", "负责任 AI": "Responsible AI"}}
    table = topic_table(topics, translations)
    assert table["推理与部署"] == table["Inference & Deployment"] == (0, "inference-deployment")
    assert table["负责任 AI"] == table["Responsible AI"] == (1, "responsible-ai")
    assert nav_topics([{"首页": "index.md"}, {"评估": ["a.md"]}, {"主题": "tags.md"}]) == ["评估"]


def test_a_topic_that_is_not_a_nav_group_is_a_build_error_naming_the_file(project, tmp_path):
    edit(project / "docs/zh/data-privacy.md", "  - 负责任 AI\n", "  - 隐私\n")
    edit(project / "docs/en/data-privacy.md", "  - Responsible AI\n", "  - Privacy\n")
    edit(project / "docs/zh/energy-consumption.md", "  - 效率与可持续性\n", "  - 效率与可持续性\n  - 能源\n")
    edit(
        project / "docs/en/energy-consumption.md",
        "  - Efficiency & Sustainability\n",
        "  - Efficiency & Sustainability\n  - Energy\n",
    )
    code, output = build(project, tmp_path / "site")
    assert code != 0
    # The first tag places the section in the nav and on the home pages: an error on its line.
    assert "docs/zh/data-privacy.md:3: the first tag '隐私' is not a topic of the nav" in output, output
    # Another tag only lists it in the topic index: a warning (fatal under --strict).
    assert "docs/zh/energy-consumption.md: topic '能源' is not a group of the nav in mkdocs.yml" in output, (
        output
    )
    assert "'Privacy' is not" not in output  # the English page's first tag follows the Chinese one


def test_a_shared_topic_link_survives_a_language_switch(browse, served_site):
    page, watch = browse("phone", LANGUAGES["zh"] + "#evaluation")
    assert page.locator("h2#evaluation").inner_text().startswith("评估")
    open_language_menu(page)
    page.locator('.md-select a[hreflang="en"]').click()
    page.wait_for_url(f"{served_site}{LANGUAGES['en']}#evaluation")
    page.wait_for_function(IN_VIEW, arg="evaluation")
    page.goto(f"{served_site}{LANGUAGES['en']}tags/#learning-paradigms", wait_until="load")
    assert page.locator("h2#learning-paradigms").inner_text().startswith("Learning Paradigms")
    open_language_menu(page)
    page.locator('.md-select a[hreflang="zh"]').click()
    page.wait_for_url(f"{served_site}tags/#learning-paradigms")
    assert page.locator("h2#learning-paradigms").inner_text().startswith("学习范式")
    watch.check()


def test_practice_mode_hint_says_the_blocks_are_folded(browse):
    page, watch = browse("desktop", LANGUAGES["zh"] + "overfitting/")
    page.locator(".qa-practice-toggle").click()
    assert (
        page.locator(".qa-practice-hint").inner_text() == "先自己作答：答案、举例和解析已收起，点击按钮查看。"
    )
    page.locator(".qa-practice-toggle").click()
    watch.check()
