"""Split a page's front matter from its body, and read YAML without building anything it should not.

Plain Python, no MkDocs import. Reading never raises: a front matter that is never closed, broken YAML,
an anchor, alias or tag, a key given twice are recorded as (line, message) for the rules to report.
The field schema (which fields a page may have) is front_matter.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from llmqa.sections.page import SectionPage

FRONT_MATTER_END_RE = re.compile(r"^(?:-{3}|\.{3})[ \t]*$")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
# What MkDocs reads as a field of a page without '---' front matter (MultiMarkdown meta-data).
MULTIMARKDOWN_FIELD_RE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")

# Where MkDocs's reading of a front matter and this one would differ, the page is refused.
EMPTY = (
    "an empty front matter ('---' right after '---') is read by MkDocs as the start of one that ends at "
    "the next '---': delete both lines, or write the page's fields between them"
)
UNENDED = (
    "the front matter's closing '---' is the file's last line, with no line break after it: MkDocs then "
    "reads no front matter at all; end the line, and write the page's text after it"
)
READ_AS_FIELDS = (
    "the page starts with 'name: value', which MkDocs reads as a field of the page (MultiMarkdown "
    "meta-data): start the page with its '# ' title, or write fields between '---' lines"
)


def read_front_matter(page: SectionPage) -> None:
    """Set the page's front matter (fields, their lines, any error), its body and the body's first line."""
    lines = page.text.split("\n")
    if not lines or lines[0].rstrip(" \t") != "---":
        page.body = page.text
        page.body_line = 1
        if MULTIMARKDOWN_FIELD_RE.match(lines[0] if lines else ""):
            page.front_matter_error = (1, READ_AS_FIELDS)
        return
    end = next((i for i in range(1, len(lines)) if FRONT_MATTER_END_RE.match(lines[i])), None)
    if end is None:
        page.front_matter_error = (
            1,
            "the front matter that starts at line 1 is never closed: add a line '---' after its last field",
        )
        page.front_matter_unclosed = True
        page.body = ""
        page.body_line = len(lines) + 1
        return
    if end == 1 or end == len(lines) - 1:
        # MkDocs (mkdocs.utils.meta.get_data) reads neither as front matter: it takes the lines up to
        # the next '---' for fields, or reads 'key: value' lines at the top as fields of their own.
        page.front_matter_error = (1 if end == 1 else end + 1, EMPTY if end == 1 else UNENDED)
        page.front_matter_unclosed = True
        page.body = ""
        page.body_line = len(lines) + 1
        return
    page.front_matter_text = "\n".join(lines[1:end])
    page.body = "\n".join(lines[end + 1 :])
    page.body_line = end + 2
    data, lines_by_key, error = parse_yaml_mapping(page.front_matter_text, first_line=2)
    page.front_matter, page.field_lines = data, lines_by_key
    if error:
        page.front_matter_error = error


def parse_yaml_mapping(
    text: str, first_line: int
) -> tuple[dict | None, dict[str, int], tuple[int, str] | None]:
    """YAML text to (mapping, line of each top-level key, (line, error)). Never raises.

    Anchors, aliases and tags are refused before anything is built: an alias repeats a value without
    writing it again (a few lines can stand for billions of values), and a tag builds other types.
    """
    refused = yaml_feature(text, first_line)
    if refused:
        return None, {}, refused
    try:
        loader = YAML_LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = f"{error.problem or 'invalid YAML'} at line {line}"
        if error.context and error.context_mark:
            problem = f"{error.context} (line {first_line + error.context_mark.line}), {problem}"
        return None, {}, (line, f"front matter is not valid YAML: {problem}")
    except Exception as error:  # PyYAML also raises ValueError (bad dates), RecursionError, ...
        return None, {}, (first_line, f"front matter is not valid YAML: {error}")
    if data is None:
        return {}, {}, None
    if not isinstance(data, dict):
        kind = type(data).__name__
        return None, {}, (first_line, f"front matter must be fields such as 'id: 3', not a YAML {kind}")
    lines: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = first_line + key.start_mark.line
        if str(key.value) in lines:
            first = lines[str(key.value)]
            return (
                None,
                {},
                (
                    line,
                    f"front matter field '{key.value}' is given twice (lines {first} and {line}): keep one",
                ),
            )
        lines[str(key.value)] = line
    return data, lines, None


_YAML_FEATURES = {
    yaml.AnchorToken: "an anchor ('&name')",
    yaml.AliasToken: "an alias ('*name')",
    yaml.TagToken: "a tag ('!name')",
}


def yaml_feature(text: str, first_line: int) -> tuple[int, str] | None:
    """(line, error) for the first anchor, alias or tag in YAML text, else None (also for bad YAML)."""
    try:
        for token in yaml.scan(text, Loader=YAML_LOADER):
            what = _YAML_FEATURES.get(type(token))
            if what:
                line = first_line + token.start_mark.line
                return line, f"front matter uses {what} at line {line}: write the value itself"
    except yaml.YAMLError:
        return None  # reported by the parser, with its own message
    return None
