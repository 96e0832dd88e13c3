"""Fuzz the safety check's boundary: random Markdown built from every syntax the site enables, mixed
with hostile HTML fragments, rendered as the build renders it.

The property: whatever the content check accepts, a second HTML5 parser (justhtml, pure Python, written
apart from Lexbor) also finds within the allowlist, read by rules written here apart from
hooks/html_check.py: only allowed elements in the HTML namespace, only allowed attributes, no event
handler or style, links only to http(s), mailto or relative addresses, images only relative. And
what the source check lets through renders without an exception (this test found one that did not:
'<![', now refused before rendering).
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from justhtml import JustHTML

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

import llmqa.safety.policy as html_policy
from llmqa.safety.html_check import check_content
from llmqa.sections.page import read_page
from llmqa.sections.rules import check_input

MARKDOWN = [
    "# Title",
    "## Answer {#answer}",
    "### Sub-heading",
    "Paragraph text with *em* and **strong** and ~~gone~~ and H~2~O.",
    "`code span`",
    "```",
    "```html",
    "~~~",
    "    indented code",
    "- item",
    "    - nested item",
    "1. item",
    "> quote",
    '!!! note "Title"',
    "    admonition body",
    '??? tip "More"',
    "/// note | Title",
    "/// erratum | Erratum 1a: x",
    "    attrs: {id: erratum-1a}",
    "/// table-caption",
    "///",
    "Text[^1].",
    "[^1]: Footnote.",
    "Term",
    ":   Definition",
    "| a | b |",
    "| - | - |",
    "| 1 | 2 |",
    "*[HTML]: Hyper Text Markup Language",
    "{: #anchor .note }",
    '<div markdown="1">',
    "</div>",
    "[link](https://example.org/)",
    "[link](overfitting.md#answer)",
    "![image](../assets/images/x.png)",
    "",
]
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<a href=' &#x6A;ava&#9;script:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "![x](//evil.example/x.png)",
    "<svg onload=alert(1)>",
    "<math><a href=javascript:alert(1)>x</a></math>",
    "<p style='color:red'>x</p>",
    '" onclick="alert(1)',
    "{: onclick=alert(1) }",
    '{: title="}" onmouseover=alert(1) }',
    "<b title='>'>x</b>",
    "<!-->",
    "--!>",
    "<!--",
    "-->",
    "<iframe src=x></iframe>",
    "<template><img src=x onerror=alert(1)></template>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
    "<body onload=alert(1)>",
    "<form action=https://evil.example><input name=q></form>",
    "<style>*{}</style>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0>",
    "\\<script>alert(1)\\</script>",
    "<details open ontoggle=alert(1)>",
    "<div id=__config>",
    "<object data=x>",
    "<textarea>",
    "<select>",
    "&lt;script&gt;",
    "<",
    ">",
    '"',
    "`",
    "<![",
    "{",
    "}",
]

LINK_SCHEMES = ("http", "https", "mailto")
PERMITTED = {
    tag: allowed | html_policy.GLOBAL_ATTRIBUTES for tag, allowed in html_policy.CONTENT_ELEMENTS.items()
}


def oracle(html: str) -> list[str]:
    """What, read by justhtml, is outside the content allowlist (rules written apart from html_check)."""
    found: list[str] = []
    document = JustHTML("<!DOCTYPE html><html><head></head><body>" + html, sanitize=False)
    stack = [document.root]
    while stack:
        node = stack.pop()
        for child in node.children or []:
            stack.append(child)
        content = getattr(node, "template_content", None)
        if content is not None:
            found.append("template")
            stack.append(content)
        name = getattr(node, "name", "")
        if not name or name.startswith(("#", "!")):
            continue
        attrs = node.attrs or {}
        if name in ("html", "head", "body"):
            if attrs:
                found.append(f"<{name}> attributes {attrs}")
            continue
        if node.namespace not in (None, "html") or name not in PERMITTED:
            found.append(f"<{name}> in {node.namespace}")
            continue
        for attribute, value in attrs.items():
            attribute = attribute.lower()
            value = value or ""
            if attribute not in PERMITTED[name] or attribute.startswith("on") or attribute == "style":
                found.append(f"<{name} {attribute}>")
            url = re.sub(r"[\t\n\r]", "", value.strip("".join(chr(c) for c in range(33)))).replace("\\", "/")
            scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
            if attribute == "href" and (
                url.startswith("//") or (scheme and scheme.group(1).lower() not in LINK_SCHEMES)
            ):
                found.append(f"<{name} href={value!r}>")
            if attribute == "src" and (url.startswith(("/", "//")) or scheme):
                found.append(f"<{name} src={value!r}>")
            if attribute == "id" and value.startswith("__"):
                found.append(f"<{name} id={value!r}>")
    return found


pieces = st.lists(st.one_of(st.sampled_from(MARKDOWN), st.sampled_from(HOSTILE)), min_size=1, max_size=14)
joins = st.sampled_from(["\n", "\n\n", " ", ""])


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(parts=pieces, joiners=st.lists(joins, min_size=14, max_size=14))
def test_what_the_check_accepts_a_second_parser_finds_within_the_allowlist(render_markdown, parts, joiners):
    markdown = "".join(part + joiner for part, joiner in zip(parts, joiners, strict=False))
    page = read_page("docs/en/page.md", markdown.encode("utf-8"))
    if check_input(page) or page.unclosed:
        event("refused before rendering")
        return  # what the source check lets through must render without an exception
    html = render_markdown(markdown)
    findings = check_content(html)
    event("refused" if findings else "accepted")
    if not findings:
        assert oracle(html) == [], html


def test_what_crashes_the_renderer_is_refused_before_it_runs(render_markdown):
    """Found by this fuzz test: '<![x' makes Python's HTML parser (under Python-Markdown) raise, in a code
    span too, and after a line that only looks like a fence ('``` <![' is text to superfences): so it is
    refused anywhere in the body, fenced code included."""
    for text in ("<![x](//evil.example/x.png)", "Text `<![x` more.", "``` # Title\n<![\n```\n"):
        with pytest.raises(AssertionError):
            render_markdown(text)
        problems = check_input(read_page("docs/en/page.md", text.encode()))
        assert [p.rule for p in problems] == ["input"], text
        assert "'<![' starts an SGML marked section" in problems[0].message
    fenced = "```\n<![x\n```\n"
    problems = check_input(read_page("docs/en/page.md", fenced.encode()))
    assert [(p.rule, p.line) for p in problems] == [("input", 2)], problems


def test_the_oracle_sees_what_it_should(render_markdown):
    """The fuzz test can fail: its oracle flags hostile markup when nothing else stops it."""
    for fragment in (
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<svg></svg>",
        "<p style=x>x</p>",
    ):
        assert oracle(render_markdown(fragment)) != [], fragment
    assert oracle(render_markdown("Plain *text* with a [link](https://example.org/).")) == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_characters="<"), max_size=200))
def test_text_without_a_lt_sign_holds_no_element(text):
    """check_content does not parse text without '<' (most search titles): the parser would find no
    element, comment or doctype in it either."""
    from llmqa.safety.html_check import parse_body_fragment

    tree = parse_body_fragment(text)
    assert tree.head is not None and tree.body is not None
    assert [node.tag for node in tree.head.traverse(include_text=False)] == ["head"]
    assert [node.tag for node in tree.body.traverse(include_text=False)] == ["body"]
    assert not tree.root.attributes and not tree.body.attributes
    assert check_content(text) == []
