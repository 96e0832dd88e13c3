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


# --- each place's controls and the term hints (pages/controls.py, glossary/hints.py) ---------------

NOTE = (
    '<div class="admonition erratum" id="erratum-1a">\n<p class="admonition-title">Erratum 1a: fixed</p>\n'
    "<p>True is this.</p>\n</div>\n"
)
HINTED = CONTENT.replace("<p>Because.</p>", '<p>Because <abbr title="困惑度">perplexity</abbr>.</p>' + NOTE)


def place_macro(lang, anchor, name, link, citation, report):
    """The partial's shape, small: a permalink and a cite button."""
    return (
        f'<span class="qa-controls"><a class="headerlink" href="#{anchor}" aria-label="{name}" '
        f'data-clipboard-text="{link}">¶</a><button type="button" class="qa-cite" '
        f'data-clipboard-text="{citation}"></button></span>'
    )


def written(content: str) -> tuple[str, Controls]:
    """The content as the pipeline writes it: place controls, hints described, wrappers, hint list."""
    from llmqa.glossary.hints import describe_hints
    from llmqa.pages.controls import page_facts, write_controls

    tree = parse_body_fragment(content)
    facts = page_facts("en", "LLM Q&A", "1. Title", "https://example.org/s/", "https://github.com/o/r")
    places = write_controls(tree.body, place_macro, facts)
    hints, texts = describe_hints(tree.body, "en")
    controls = Controls(BAR, BUTTONS, places, hints, texts)
    return wrap_blocks(tree.body.inner_html, BAR, BUTTONS) + hints, controls


def taken_out_with(html: str, controls: Controls) -> tuple[str, list]:
    tree = parse_body_fragment(html)
    take_site_markup(tree.body, controls)
    return tree.body.inner_html, check_content_tree(tree)


def without_permalinks(html: str) -> str:
    tree = parse_body_fragment(html)
    for link in tree.css("a.headerlink"):
        link.decompose()
    return tree.body.inner_html


def test_place_controls_and_hints_come_out_and_leave_the_content_as_rendered():
    html, controls = written(
        HINTED.replace('">Answer</h2>', '">Answer<a class="headerlink" href="#answer">¶</a></h2>')
    )
    assert set(controls.places) == {"question", "answer", "example", "analysis", "erratum-1a"}
    assert html.count('class="qa-controls"') == 5 and 'aria-describedby="qa-hint-1"' in html
    assert html.endswith(controls.hints) and 'lang="zh-CN">困惑度</span>' in controls.hints
    left, findings = taken_out_with(html, controls)
    assert left == without_permalinks(body_html(HINTED)), "the permalink is the controls' own"
    assert findings == []


def test_imitated_place_controls_stay_and_are_refused():
    html, controls = written(HINTED)
    fake = controls.places["answer"]
    # A contribution's copy of the controls, in the heading's text before the site's.
    forged = html.replace('<h2 id="answer">Answer', '<h2 id="answer">Answer' + fake, 1)
    left, findings = taken_out_with(forged, controls)
    assert left.count('class="qa-controls"') == 1
    assert any("reserved for the site's own markup" in str(finding) for finding in findings)
    # The same controls on a place that is not one (a paragraph), or on another place's title.
    elsewhere = html.replace("<p>True is this.</p>", f"<p>True is this.{controls.places['erratum-1a']}</p>")
    left, findings = taken_out_with(elsewhere, controls)
    assert left.count('class="qa-controls"') == 1 and findings


def test_imitated_hints_stay_and_are_refused():
    html, controls = written(HINTED)
    # A second list of counterparts, or one term too many: neither is the build's.
    left, findings = taken_out_with(html + controls.hints, controls)
    assert "qa-hints" in left and findings
    extra = '<p><abbr class="qa-term" tabindex="0" aria-describedby="qa-hint-2">x</abbr></p>'
    left, findings = taken_out_with(html.replace("<p>So.</p>", "<p>So.</p>" + extra), controls)
    assert 'aria-describedby="qa-hint-2"' in left
    assert any("qa-term" in str(finding) or "tabindex" in str(finding) for finding in findings)


def test_a_term_whose_attributes_changed_is_not_the_sites():
    html, controls = written(HINTED)
    changed = html.replace('aria-describedby="qa-hint-1"', 'aria-describedby="qa-hint-1" onclick="x()"')
    left, findings = taken_out_with(changed, controls)
    assert "onclick" in left and findings
