"""Content promises: every required correction note exists, linkable, in both languages, on the page
of the claim it corrects; made-up tables carry the illustrative label; Chinese text written for this
site follows Chinese technical-writing conventions."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import autocorrect_py
import pytest

from tests.conftest import ROOT
from tests.html_tools import elements

# Required items of the errata list (WRONG, MISLEADING, ILLUSTRATIVE), by the page that carries them.
REQUIRED_ERRATA = {
    "inference-bottlenecks": ["1a", "1b", "1c"],
    "inference-optimization": ["2d"],
    "overfitting": ["3b"],
    "training-acceleration": ["4a", "4c"],
    "evaluation-metrics": ["5a", "5d"],
    "long-range-dependencies": ["6a", "6b"],
    "data-privacy": ["7b", "7c"],
    "interpretability": ["9b", "9c"],
    "energy-consumption": ["11a"],
    "knowledge-representation": ["12a"],
    "multilingual-processing": ["14a"],
    "zero-shot-learning": ["15a"],
    "generative-vs-discriminative": ["16a", "16b"],
    "self-supervised-learning": ["18a"],
    "reinforcement-learning": ["19b", "19c", "19d"],
}
ILLUSTRATIVE_TABLES = ("inference-bottlenecks", "inference-optimization")
LABELS = {
    "zh": ("勘误", "来源", "示意数值，非实测"),
    "en": ("Erratum", "Source", "Illustrative figures, not measurements"),
}
LANG_DIRS = {"zh": "", "en": "en/"}


def _page(site: Path, lang: str, slug: str) -> str:
    return (site / LANG_DIRS[lang] / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize(("slug", "ids"), REQUIRED_ERRATA.items())
def test_required_correction_notes_are_there_and_linkable(built_site, lang, slug, ids):
    html = _page(built_site, lang, slug)
    title_word, source_word, _ = LABELS[lang]
    for item in ids:
        note_id = f"erratum-{item}"
        attrs = [a for _, a in elements(html) if a.get("id") == note_id]
        assert attrs, f"{lang}/{slug}: no element with id {note_id}"
        assert "erratum" in attrs[0].get("class", "").split(), f"{lang}/{slug}: #{note_id} is not an erratum"
        start = html.index(f'id="{note_id}"')
        end = html.find('class="admonition erratum"', start + 1)
        note = html[start : end if end != -1 else len(html)]
        assert re.search(rf'class="admonition-title">\s*{title_word} {item}\b', note), f"{note_id} title"
        has_source = f"{source_word}：" in note or f"{source_word}:" in note
        assert has_source, f"{lang}/{slug}: {note_id} names no source"


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize("slug", ILLUSTRATIVE_TABLES)
def test_made_up_tables_are_labelled(built_site, lang, slug):
    html = _page(built_site, lang, slug)
    label = LABELS[lang][2]
    match = re.search(r'<figure class="illustrative">\s*<figcaption>\s*<p>([^<]+)</p>', html)
    assert match and match.group(1) == label, f"{lang}/{slug}: no '{label}' label"
    assert "<table>" in html[match.end() : match.end() + 400]


def _own_chinese_lines(path: Path) -> list[tuple[int, str]]:
    """Lines of Chinese text written for this site: correction notes, and whole non-section pages.

    The rest of a section page is the source's text, published verbatim, and is not restyled.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    if not re.search(r"^id:", "\n".join(lines[:10]), flags=re.M):
        return list(enumerate(lines, 1))
    own, depth = [], 0
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("/// erratum"):
            depth += 1
        elif stripped == "///" and depth:
            depth -= 1
        elif depth:
            own.append((number, line))
    return own


def test_chinese_text_written_here_follows_conventions():
    problems = []
    for path in sorted((ROOT / "docs" / "zh").glob("*.md")):
        for number, line in _own_chinese_lines(path):
            fixed = autocorrect_py.format_for(line, "md")
            if fixed != line:
                problems.append(f"{path.relative_to(ROOT)}:{number}: expected\n    {fixed.strip()}")
    assert not problems, "\n".join(problems)


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _section_summary(html: str) -> tuple[str, str, set[str]]:
    """A built section page's title, question and topics."""
    title = _text(re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S).group(1))
    after_question = html[html.index('id="question"') :]
    question = _text(re.search(r"<p>(.*?)</p>", after_question, flags=re.S).group(1))
    tags = {
        _text(t) for t in re.findall(r'<(?:a|span) [^>]*class="md-tag[^"]*"[^>]*>(.*?)</(?:a|span)>', html)
    }
    return title, question, tags


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_home_lists_every_section_once_by_topic_with_its_question(built_site, lang):
    from tests.test_site_build import SECTION_SLUGS

    home = (built_site / LANG_DIRS[lang] / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article") : home.index("</article>")]
    entries = re.findall(
        r"<h2[^>]*>(.*?)</h2>|<dt><a href=\"([^\"]+)\">(.*?)</a></dt>\s*<dd>(.*?)</dd>", article, re.S
    )
    listed: dict[str, tuple[str, str, str]] = {}
    topic = ""
    for heading, href, title, question in entries:
        if heading:
            topic = _text(heading)
            continue
        slug = href.strip("./").split("/")[0]
        assert slug not in listed, f"{lang} home lists {slug} twice"
        listed[slug] = (topic, _text(title), _text(question))
    assert set(listed) == set(SECTION_SLUGS), set(SECTION_SLUGS) ^ set(listed)
    for slug, (topic, title, question) in listed.items():
        page_title, page_question, page_tags = _section_summary(_page(built_site, lang, slug))
        listed = title.split(". ", 1)[1]
        assert listed == page_title or listed.startswith(page_title + "（"), (
            f"{lang}/{slug}: home says {title!r}"
        )
        assert question == page_question, (
            f"{lang}/{slug}: home says {question!r}, page asks {page_question!r}"
        )
        assert topic in page_tags, f"{lang}/{slug}: listed under {topic!r}, page topics {page_tags}"
