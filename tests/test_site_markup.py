"""The block wrappers' markup is told apart from a contribution's (hooks/llmqa/safety/site_markup.py):
taken out where the wrappers write it, it leaves the contribution exactly as rendered; imitated by a
contribution, it stays and the content allowlist refuses it."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.pages.wrappers import wrap_blocks
from llmqa.safety.html_check import check_content_tree, parse_body_fragment
from llmqa.safety.site_markup import Controls, take_site_markup

BAR = '<div class="qa-practice-bar" data-search-exclude="true"><button type="button">Practice</button></div>'
BUTTONS = {
    block: f'<button type="button" class="qa-reveal qa-button" aria-controls="qa-block-{block}">'
    f"{block}</button>"
    for block in ("answer", "example", "analysis")
}
CONTROLS = Controls(BAR, BUTTONS)
CONTENT = (
    '<h1>Title</h1>\n<h2 id="question">Question</h2>\n<p>Why?</p>\n'
    '<h2 id="answer">Answer</h2>\n<p>Because.</p>\n<ul>\n<li>one</li>\n</ul>\n'
    '<h2 id="example">Example</h2>\n<table><tr><td>1</td></tr></table>\n'
    '<h2 id="analysis">Analysis</h2>\n<p>So.</p>\n'
)


def body_html(html: str) -> str:
    return parse_body_fragment(html).body.inner_html


def taken_out(html: str) -> tuple[str, list]:
    tree = parse_body_fragment(html)
    take_site_markup(tree.body, CONTROLS)
    return tree.body.inner_html, check_content_tree(tree)


def test_the_wrappers_markup_comes_out_and_leaves_the_content_as_rendered():
    wrapped = wrap_blocks(CONTENT, BAR, BUTTONS)
    assert "qa-block" in wrapped and BAR in wrapped
    left, findings = taken_out(wrapped)
    assert left == body_html(CONTENT)
    assert findings == []


def test_a_page_without_a_title_has_its_bar_above_the_question():
    content = CONTENT.split("\n", 1)[1]
    left, findings = taken_out(wrap_blocks(content, BAR, BUTTONS))
    assert left == body_html(content) and findings == []


def test_an_imitation_of_the_wrappers_stays_and_is_refused():
    fake = (
        '<div class="qa-block" id="qa-block-answer">'
        '<div class="qa-pair"><div class="qa-pair__own">x</div></div></div>'
    )
    content = CONTENT.replace("<p>Because.</p>", "<p>Because.</p>" + fake)
    left, findings = taken_out(wrap_blocks(content, BAR, BUTTONS))
    assert fake in left
    assert any("reserved for the site's own markup" in str(finding) for finding in findings)


def test_a_second_bar_or_button_is_not_the_sites():
    content = CONTENT.replace('<h2 id="question">', BAR + BUTTONS["answer"] + '<h2 id="question">')
    left, findings = taken_out(wrap_blocks(content, BAR, BUTTONS))
    assert left.count("qa-practice-bar") == 1 and left.count("qa-reveal") == 1
    assert any("element <button> is not allowed" in str(finding) for finding in findings)


def test_a_changed_control_is_not_the_sites():
    wrapped = wrap_blocks(CONTENT, BAR, BUTTONS).replace(">answer</button>", ">answer!</button>")
    left, findings = taken_out(wrapped)
    assert "answer!" in left and findings
