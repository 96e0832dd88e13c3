"""What HTML a page may carry: the allowlists the safety check compares the rendered pages with.

Two levels, both allowlists (anything not named here is refused):

- CONTENT: what Markdown may render from a contribution (a page's text). It is what the site's own
  pages need, and the ordinary syntax of every enabled extension: text, links, lists, tables, code,
  abbreviations, footnotes, definition lists, admonitions and details, captions. No script, style,
  form, frame, media, SVG or MathML; no event handler or style attribute; classes from a known set.
- PAGE: what a finished page may carry: CONTENT plus the theme's own markup, each dangerous element
  (script, link, meta, form, input, button, svg) only in the exact shapes the theme writes
  (shapes.py holds the shape rules for those that need more than a list of attributes).

Plain data, no MkDocs import.
"""

from __future__ import annotations

import re

from llmqa.sections.model import BLOCKS  # noqa: F401 - the policy names the blocks it checks

# --- content --------------------------------------------------------------------------------------

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TABLE_CELLS = ("th", "td")

# Element -> attributes it may carry besides GLOBAL_ATTRIBUTES.
CONTENT_ELEMENTS: dict[str, frozenset[str]] = {
    tag: frozenset()
    for tag in (
        *("p", "br", "hr", "blockquote", "div", "span", "pre", "code", "kbd"),
        *("em", "strong", "b", "i", "s", "del", "sub", "sup", "small"),
        *("ul", "li", "dl", "dt", "dd", "figure", "figcaption", "summary"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr"),
        *HEADINGS,
        "abbr",
    )
} | {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
    **{cell: frozenset({"align", "colspan", "rowspan"}) for cell in TABLE_CELLS},
}
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang"})

# Classes the site's stylesheets or Markdown extensions give meaning to.
ADMONITION_TYPES = ("note", "info", "tip", "warning", "danger", "erratum", "outdated")
# The site's own notices: the outdated-translation note is written by overrides/partials/, never by a page.
PAGE_ONLY_CLASSES = frozenset({"outdated"})
CONTENT_CLASSES = frozenset(
    {
        "admonition",
        "admonition-title",
        *(kind for kind in ADMONITION_TYPES if kind not in PAGE_ONLY_CLASSES),
        "illustrative",  # the "illustrative figures" caption of a made-up table
        "headerlink",  # the ¶ permalink of a heading (toc extension)
        "highlight",  # a fenced code block (pymdownx.superfences)
        "footnote",
        "footnote-ref",
        "footnote-backref",
    }
)
# Pygments' token classes inside a highlighted code block: short lowercase names (k, nf, mi, s2...).
CODE_TOKEN_CLASS = re.compile(r"^[a-z]{1,3}[0-9]?$")
CODE_LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9+#-]{1,30}$")

# Ids: what Markdown makes of headings (toc slugs, `_1` for Chinese ones), footnotes (fn:1, fnref:1),
# attr lists and the tags plugin (zh/tags.md:8-30/slug, replaced by the listing). Never the theme's
# own ids (all of them start with "__"): an element of the page with the id of one of them would take
# its place (DOM clobbering).
CONTENT_ID = re.compile(r"^(?!__|qa-)[A-Za-z_][A-Za-z0-9_:./-]{0,79}$")
# The names of the site's own markup (the theme's md-*, the site's qa-*): a contribution that used them
# would take the place of the site's controls, wrappers and notices (safety/site_markup.py).
RESERVED_CLASS = re.compile(r"^(?:md|qa)-")
RESERVED_ID = re.compile(r"^(?:__|qa-)")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$|^x-default$")
NUMBER = re.compile(r"^[0-9]{1,4}$")
ALIGN_VALUES = frozenset({"left", "right", "center"})

# URL schemes a link may use; images and every other URL are relative (served by the site itself).
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# What each refused attribute or element is, for messages (the rest: "not one pages use").
WHY_REFUSED = {
    "script": "it runs script",
    "style": "pages take their styles from the site's stylesheets",
    "iframe": "it embeds another page",
    "frame": "it embeds another page",
    "frameset": "it embeds other pages",
    "object": "it embeds content",
    "embed": "it embeds content",
    "applet": "it embeds content",
    "portal": "it embeds another page",
    "template": "its content is hidden from this check",
    "noscript": "browsers read it differently with and without script",
    "base": "it changes where every link of the page goes",
    "link": "it loads files",
    "meta": "it can redirect the page",
    "form": "pages collect no input",
    "input": "pages collect no input",
    "button": "pages collect no input",
    "textarea": "pages collect no input",
    "select": "pages collect no input",
    "svg": "SVG can carry script and links of its own",
    "math": "MathML can carry links of its own",
    "audio": "pages embed no media",
    "video": "pages embed no media",
    "source": "pages embed no media",
    "picture": "pages embed no media",
}


def is_content_class(tag: str, name: str) -> bool:
    if name in CONTENT_CLASSES:
        return True
    if tag == "span":
        return CODE_TOKEN_CLASS.match(name) is not None
    if tag == "code":
        return CODE_LANGUAGE_CLASS.match(name) is not None
    return False


# --- the finished page ----------------------------------------------------------------------------

# Elements of the theme's page frame (Material's templates and overrides/), with the attributes each
# may carry besides PAGE_GLOBAL_ATTRIBUTES; dangerous ones get shape rules in shapes.py too.
PAGE_ELEMENTS: dict[str, frozenset[str]] = {
    **CONTENT_ELEMENTS,
    "html": frozenset({"dir"}),
    "head": frozenset(),
    "body": frozenset({"dir"}),
    "title": frozenset(),
    "header": frozenset(),
    "footer": frozenset(),
    "main": frozenset(),
    "nav": frozenset(),
    "aside": frozenset(),
    "article": frozenset(),
    "section": frozenset(),
    "label": frozenset({"for"}),
    "time": frozenset({"datetime"}),
    "a": frozenset({"href", "hreflang", "rel", "target", "download", "type"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start"}),
    # shapes in shapes.py
    "script": frozenset({"src", "type"}),
    "link": frozenset({"rel", "href", "hreflang", "type", "sizes"}),
    "meta": frozenset({"charset", "name", "property", "content"}),
    "form": frozenset({"name", "action", "method"}),
    "input": frozenset(
        {
            *("type", "name", "placeholder", "required", "checked", "autocomplete"),
            *("autocapitalize", "autocorrect", "spellcheck"),
        }
    ),
    "button": frozenset({"type"}),
    "svg": frozenset({"xmlns", "viewbox", "width", "height"}),
    "path": frozenset({"d", "fill-rule", "clip-rule"}),
}
PAGE_GLOBAL_ATTRIBUTES = GLOBAL_ATTRIBUTES | {"role", "hidden", "tabindex"}
# Attribute families with no behaviour of their own: Material's data-md-*, the site's data-qa-*,
# the clipboard buttons' data-clipboard-*, ARIA.
PAGE_ATTRIBUTE_FAMILY = re.compile(
    r"^(?:data-md-[a-z-]+|data-qa-[a-z-]+|data-clipboard-(?:text|target)|aria-[a-z]+)$"
)
PAGE_CLASS = re.compile(r"^(?:md-|qa-)[a-z0-9_-]+$|^no-js$")
# The theme's ids include the tag index's anchors (tag:<topic name>, in the page's language).
PAGE_ID = re.compile(r"^[^\s<>\"'`&]{1,100}$")

LINK_RELS = frozenset({"stylesheet", "canonical", "alternate", "prev", "next", "icon"})
META_NAMES = frozenset(
    {
        "viewport",
        "description",
        "generator",
        "author",
        "robots",
        "theme-color",
        "color-scheme",
        "twitter:card",
        "twitter:title",
        "twitter:description",
        "twitter:image",
        "twitter:image:alt",
    }
)
META_PROPERTY = re.compile(r"^og:[a-z_:]+$")
INPUT_TYPES = frozenset({"checkbox", "radio", "text", "search"})
BUTTON_TYPES = frozenset({"button", "submit", "reset"})
SVG_NAMESPACE = "http://www.w3.org/2000/svg"

# The site's own files a page may load. Paths relative to the site root.
OWN_SCRIPT = re.compile(
    r"^assets/javascripts/(?:bundle\.[0-9a-f]{8}\.min\.js|[a-z0-9-]+\.js|workers/[a-z0-9-]+\.js)$"
)
OWN_STYLESHEET = re.compile(
    r"^assets/stylesheets/(?:main|palette)\.[0-9a-f]{8}\.min\.css$|^assets/stylesheets/[a-z0-9-]+\.css$"
)
OWN_ASSET = re.compile(r"^(?:assets/[a-z0-9/._-]+|[a-z0-9/._-]*)$")

# Material's inline scripts (its base.html) and the site's (overrides/main.html), whole. "{base}"
# stands for the page's relative or absolute base URL, the one part that differs between pages.
INLINE_SCRIPT_TEXTS = (
    '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    'var palette=__md_get("__palette");if(palette&&palette.color){'
    'if("(prefers-color-scheme)"===palette.color.media){'
    'var media=matchMedia("(prefers-color-scheme: light)"),'
    "input=document.querySelector(media.matches?\"[data-md-color-media='(prefers-color-scheme: light)']\":"
    "\"[data-md-color-media='(prefers-color-scheme: dark)']\");"
    'palette.color.media=input.getAttribute("data-md-color-media"),'
    'palette.color.scheme=input.getAttribute("data-md-color-scheme"),'
    'palette.color.primary=input.getAttribute("data-md-color-primary"),'
    'palette.color.accent=input.getAttribute("data-md-color-accent")}'
    "for(var[key,value]of Object.entries(palette.color))"
    'document.body.setAttribute("data-md-color-"+key,value)}',
    "var target=document.getElementById(location.hash.slice(1));"
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
    'document.documentElement.classList.add("qa-js");'
    'try{if(localStorage.getItem("llm-qa:practice")==="on")'
    'document.documentElement.classList.add("qa-practice")}catch(e){}',
)
BASE_URL_PATTERN = r"(?:\.|\.\.(?:/\.\.)*|/[A-Za-z0-9/._-]*)"
INLINE_SCRIPTS = tuple(
    re.compile(re.escape(text).replace(re.escape("{base}"), BASE_URL_PATTERN)) for text in INLINE_SCRIPT_TEXTS
)
# Material's configuration (<script id="__config" type="application/json">): the keys it may have.
CONFIG_KEYS = frozenset({"annotate", "base", "features", "search", "tags", "translations", "version"})
CONFIG_SEARCH = re.compile(
    r"^(?:\.\./)*(?:\./)?assets/javascripts/workers/search-words\.js\?material=search\.[0-9a-f]{8}\.min\.js$"
    r"|^/[A-Za-z0-9/._-]*assets/javascripts/workers/search-words\.js\?material=search\.[0-9a-f]{8}\.min\.js$"
)
