"""Drop the rules of a stylesheet that no page of the site can match.

Material's main stylesheet styles every feature of the theme (content tabs, annotations, the blog,
Mermaid, a version selector, a dozen admonition types...), its palette stylesheet every colour, and
each page loads both before it is shown. `unused_rules_removed` keeps a rule when one of its selectors
can match: each class it names is used by some page (a class attribute of the built site) or named in
the site's scripts (Material's bundle adds its own classes as pages run), and each `data-md-color-*`
attribute it requires carries a value some page or palette toggle gives it. Then the custom properties
nothing reads any more (the icons of the admonition types no page uses) go too.

Conservative where it cannot know: selectors without classes, other attribute selectors, and every
at-rule but @media and @supports are kept. Plain Python (tinycss2), no MkDocs import.

One selector is rewritten rather than dropped. Material styles plain tables with
`table:not([class])`: a selector that reads the class attribute, so Chromium restyles the whole
subtree of any element whose class changes (all ~370 elements of a section page when Material's
bundle or reading.js sets a class on <html> or <body>, ~30 ms each on a slowed phone). Where no table
of the site has a class (Material's scripts give them none), the test becomes `:not([data-md-class])`,
an attribute nothing sets: the same tables, the same specificity, and no tie to class changes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2

# No \b before the attribute name: a literal start lets the regex engine jump to each candidate, 25x
# faster on a page; \b matched after the hyphen of data-md-class anyway.
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
COLOR_ATTRIBUTE = re.compile(r'(data-md-color-[a-z]+)="([^"]*)"')
WORD = re.compile(r"[A-Za-z0-9_-]+")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
TABLE_WITH_CLASS = re.compile(r"<table\b[^>]*\sclass=", re.IGNORECASE)
PLAIN_TABLE = "table:not([class])"
PLAIN_TABLE_UNTIED = "table:not([data-md-class])"
SELECTOR_COLOR = re.compile(r"\[(data-md-color-[a-z]+)=[\"']?([^\"'\]]+)[\"']?\]")
# :not(...), :is(...) and the like may name classes a page does not need to have.
PSEUDO_ARGUMENT = re.compile(r":(?:not|is|where|has)\([^()]*\)")
VARIABLE_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
GROUPING_RULES = {"media", "supports"}


@dataclass
class UsedNames:
    """What the built pages and the site's scripts use: class names, words of the scripts, the
    values of the `data-md-color-*` attributes."""

    classes: set[str] = field(default_factory=set)
    script_words: set[str] = field(default_factory=set)
    script_text: list[str] = field(default_factory=list)
    colors: set[tuple[str, str]] = field(default_factory=set)
    tables_with_class: bool = False

    def add_page(self, html: str) -> None:
        for value in CLASS_ATTRIBUTE.findall(html):
            self.classes.update(value.split())
        self.colors.update(COLOR_ATTRIBUTE.findall(html))
        self.tables_with_class = self.tables_with_class or bool(TABLE_WITH_CLASS.search(html))

    def add_script(self, text: str) -> None:
        self.script_words.update(WORD.findall(text))
        self.script_text.append(text)

    def has_class(self, name: str) -> bool:
        if name in self.classes or name in self.script_words:
            return True
        # A modifier a script builds from its block's name ("md-tooltip2--" + placement).
        stem, modifier, _ = name.partition("--")
        return bool(modifier) and any(stem + "--" in text for text in self.script_text)


def selector_can_match(selector: str, used: UsedNames) -> bool:
    required = PSEUDO_ARGUMENT.sub("", selector)
    for attribute, value in SELECTOR_COLOR.findall(required):
        if (attribute, value) not in used.colors:
            return False
    required = re.sub(r"\[[^\]]*\]", "", required)
    return all(used.has_class(name) for name in SELECTOR_CLASS.findall(required))


def _split_selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    selectors.append(tinycss2.serialize(current).strip())
    return [s for s in selectors if s]


def _kept_rules(rules: list, used: UsedNames) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if selector_can_match(s, used)]
            if not used.tables_with_class:
                selectors = [s.replace(PLAIN_TABLE, PLAIN_TABLE_UNTIED) for s in selectors]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule":
            if rule.content is not None and rule.lower_at_keyword in GROUPING_RULES:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                body = _kept_rules(inner, used)
                if body:
                    kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(body)}}}")
            else:
                kept.append(tinycss2.serialize([rule]))
    return kept


def _declarations_kept(content: list, read: set[str]) -> str:
    parts: list[str] = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration" and item.name.startswith("--") and item.name not in read:
            continue
        if item.type == "declaration":
            important = "!important" if item.important else ""
            parts.append(f"{item.name}:{tinycss2.serialize(item.value).strip()}{important}")
        else:
            parts.append(tinycss2.serialize([item]).strip())
    return ";".join(parts)


def _variables_dropped(css: str, read: set[str]) -> str:
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            body = _declarations_kept(rule.content, read)
            if body:
                out.append(tinycss2.serialize(rule.prelude).strip() + "{" + body + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in GROUPING_RULES:
            inner = _variables_dropped(tinycss2.serialize(rule.content), read)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


_results: dict[str, str] = {}


def _inputs_key(css: str, used: UsedNames, other_css: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for part in (
        css,
        *other_css,
        "\0".join(sorted(used.classes)),
        "\0".join(sorted(used.script_words)),
        *used.script_text,
        "\0".join(sorted("=".join(pair) for pair in used.colors)),
        str(used.tables_with_class),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\1")
    return digest.hexdigest()


def unused_rules_removed(css: str, used: UsedNames, other_css: tuple[str, ...] = ()) -> str:
    """`css` without the rules no page can match and the custom properties nothing reads.

    `other_css`: the site's other stylesheets, whose var(--...) keep the theme's properties they read.
    The result is kept for the life of the process under a hash of every input: a rebuild of
    `mkdocs serve` after an edit of a page's text reuses it instead of parsing the theme again.
    """
    key = _inputs_key(css, used, other_css)
    if key not in _results:
        _results[key] = _removed(css, used, other_css)
    return _results[key]


def _removed(css: str, used: UsedNames, other_css: tuple[str, ...]) -> str:
    css = SOURCE_MAP.sub("", css)
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = "".join(_kept_rules(rules, used))
    outside = set().union(*(VARIABLE_USE.findall(text) for text in (*other_css, *used.script_text)))
    while True:
        read = set(VARIABLE_USE.findall(kept)) | outside
        # Properties scripts set or read by name (element.style.setProperty("--md-...")).
        read |= {word for word in used.script_words if word.startswith("--")}
        smaller = _variables_dropped(kept, read)
        if smaller == kept:
            return kept
        kept = smaller


THEME_STYLESHEETS = ("main.*.min.css", "palette.*.min.css")


def prune_theme_stylesheets(assets: Path, used: UsedNames) -> None:
    """Material's main and palette stylesheets in the built site, with only the rules that can match.

    Reads the site's scripts for the classes they add as pages run; the file names stay Material's (the
    pages link to them); their source maps, which no longer match, are removed."""
    for script in sorted((assets / "javascripts").rglob("*.js")):
        used.add_script(script.read_text(encoding="utf-8"))
    stylesheets = assets / "stylesheets"
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(stylesheets.glob("*.css"))}
    for pattern in THEME_STYLESHEETS:
        for path in sorted(stylesheets.glob(pattern)):
            # The other stylesheets read the theme's custom properties too (palette.css sets them).
            others = tuple(text for other, text in texts.items() if other != path)
            texts[path] = unused_rules_removed(texts[path], used, others)
            path.write_text(texts[path], encoding="utf-8")
            path.with_name(path.name + ".map").unlink(missing_ok=True)
