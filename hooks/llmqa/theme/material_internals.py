"""What the site relies on in Material for MkDocs' own files, and which file of the site relies on it.

Material's templates, bundle, search worker, stylesheets and plugin options are not an API: a release
may rename a block, renumber a worker message or reshape an inline script, and nothing says so. Each
entry below is one such tie, written as what must still hold in the installed `material` package
(paths relative to it), with the site's files that break when it does not and what to do then.
material_check.py compares the installed Material with this list (tests/test_material_internals.py, and
every build before it starts); material_digests.json holds the digests of the templates overrides/
copies. Some ties are read from the site's files themselves (the blocks overrides/ overrides, the
partials it includes, its lang.t() keys and default icons): material_check.py finds those.

Plain data, no MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmqa.output import unused_css
from llmqa.safety import policy

TEMPLATES = "templates"
BUNDLE = "templates/assets/javascripts/bundle.*.min.js"
WORKER = "templates/assets/javascripts/workers/search.*.min.js"
STYLESHEETS = "templates/assets/stylesheets"


@dataclass(frozen=True)
class Shape:
    """Material's file (a glob matching one file) has text that `pattern` finds (or, when `present`
    is false, none)."""

    material: str
    pattern: str
    expects: str  # what the site relies on, in words
    site: tuple[str, ...]  # the site's files that rely on it
    fix: str  # what to look at once it no longer holds
    present: bool = True


@dataclass(frozen=True)
class Copy:
    """A file of overrides/ that copies, replaces or extends one of Material's templates: the
    template's digest is recorded, so that any change of it is reviewed against the override."""

    site: str
    material: str
    how: str  # "copies", "replaces", "extends" or "follows" (writes some of its markup by hand)
    note: str = ""


@dataclass(frozen=True)
class Asset:
    """One of Material's hashed files: its glob matches exactly one file, base.html names that file,
    and the page check accepts the name as a page loads it (`loaded_as`, {name} the file's name)."""

    material: str
    loaded_as: str
    allowed: re.Pattern[str]
    site: tuple[str, ...]


@dataclass(frozen=True)
class InlineScript:
    """One of Material's inline scripts that the page check accepts in its exact shape: the text in
    policy.INLINE_SCRIPT_TEXTS that starts with `starts` is the script of `material`, with each Jinja
    expression in it standing for "{base}"."""

    material: str
    starts: str


# --- the templates overrides/ copies, replaces or extends ------------------------------------------

COPIES = (
    Copy("overrides/main.html", "templates/main.html", "replaces"),
    Copy("overrides/main.html", "templates/base.html", "extends"),
    Copy("overrides/404.html", "templates/404.html", "replaces"),
    Copy("overrides/partials/nav.html", "templates/partials/nav.html", "copies"),
    Copy(
        "overrides/partials/nav.html",
        "templates/partials/nav-item.html",
        "follows",
        " (it writes a group that navigation.prune shows as a link as render_pruned does)",
    ),
    Copy("overrides/partials/search.html", "templates/partials/search.html", "copies"),
    Copy("overrides/partials/source.html", "templates/partials/source.html", "copies"),
    Copy("overrides/partials/alternate.html", "templates/partials/alternate.html", "copies"),
)
# The languages whose lang.t() texts the overrides show (mkdocs.yml, i18n languages).
LANGUAGES = ("zh", "en")

# --- the hashed assets -----------------------------------------------------------------------------

ASSETS = (
    Asset(
        BUNDLE,
        "assets/javascripts/{name}",
        policy.OWN_SCRIPT,
        ("hooks/llmqa/safety/policy.py (OWN_SCRIPT)",),
    ),
    Asset(
        WORKER,
        # overrides/main.html, block config: '/workers/search.' -> '/workers/search-words.js?material=search.'
        "assets/javascripts/workers/search-words.js?material={name}",
        policy.CONFIG_SEARCH,
        (
            "overrides/main.html (block config)",
            "hooks/llmqa/safety/policy.py (CONFIG_SEARCH)",
            "overrides/assets/javascripts/workers/search-words.js",
        ),
    ),
    *(
        Asset(
            f"{STYLESHEETS}/{pattern}",
            "assets/stylesheets/{name}",
            policy.OWN_STYLESHEET,
            (
                "hooks/llmqa/output/unused_css.py (THEME_STYLESHEETS)",
                "hooks/llmqa/safety/policy.py (OWN_STYLESHEET)",
                "tests/test_unused_css.py",
            ),
        )
        for pattern in unused_css.THEME_STYLESHEETS
    ),
)

# --- inline scripts --------------------------------------------------------------------------------

INLINE_SCRIPTS = (
    InlineScript("templates/partials/javascripts/base.html", "__md_scope="),
    InlineScript("templates/partials/javascripts/palette.html", "var palette="),
    InlineScript("templates/partials/javascripts/content.html", "var target="),
)
# Every partial of Material's that writes an inline script, and why the site's pages carry it or not:
# a new one would put a script on the pages that the page check refuses.
SCRIPT_PARTIALS = {
    "announce.html": "not on the site's pages: no announce block, announce.dismiss is off",
    "base.html": "accepted (INLINE_SCRIPTS)",
    "consent.html": "not on the site's pages: no extra.consent",
    "content.html": "accepted (INLINE_SCRIPTS); its content.tabs.link script is off",
    "outdated.html": "not on the site's pages: no extra.version",
    "palette.html": "accepted (INLINE_SCRIPTS)",
}
# The <script> start tags of base.html (asset hashes as ########): the configuration and the bundle.
BASE_SCRIPT_TAGS = (
    '<script id="__config" type="application/json">',
    "<script src=\"{{ 'assets/javascripts/bundle.########.min.js' | url }}\">",
)

# --- shapes ----------------------------------------------------------------------------------------

_MAIN = "overrides/main.html"
_ON_DEMAND = "overrides/assets/javascripts/reading/05-search-on-demand.js"
_WORDS = "overrides/assets/javascripts/workers/search-words.js"
_INDEX = "hooks/llmqa/search/index.py"
_TOPICS = "hooks/llmqa/pages/topics.py"
_WORKER_FIX = (
    "read the message handling of Material's worker (src/templates/assets/javascripts/integrations/"
    "search/worker in Material's repository) and bring search-words.js up to date"
)
_BUNDLE_FIX = "find where Material's bundle does this now and bring the site's script up to date"

SHAPES = (
    # base.html: what overrides/main.html's blocks and the reading scripts find in it.
    Shape(
        "templates/base.html",
        r'"base": base_url\b',
        'the configuration script writes "base": base_url',
        (_MAIN,),
        "block config replaces that text to point each language at its own search index; update the replace",
    ),
    Shape(
        "templates/base.html",
        r'"search": "assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js" \| url\b',
        'the configuration names the worker as "assets/javascripts/workers/search.<hash>.min.js" | url',
        (_MAIN, "hooks/llmqa/safety/policy.py (CONFIG_SEARCH)"),
        "block config replaces '/workers/search.' to load the worker through search-words.js; update it",
    ),
    Shape(
        "templates/base.html",
        r'<article class="md-content__inner',
        'a page\'s content is <article class="md-content__inner ...">',
        (
            "overrides/assets/javascripts/reading/45-parallel-view-build.js",
            "overrides/assets/javascripts/reading/ (every part reads .md-content__inner)",
        ),
        "the parallel view finds the other language's content by that text; update the reading scripts",
    ),
    Shape(
        "templates/partials/nav-item.html",
        r"\{% macro render\(nav_item, path, level\b",
        "the macro render(nav_item, path, level, ...) renders one nav item",
        ("overrides/partials/nav.html",),
        "the override calls item.render(nav_item, path, 1) for every item it does not write itself",
    ),
    # The bundle: how it starts and talks to the search worker, and what the site's scripts use of it.
    Shape(
        BUNDLE,
        r"new Worker\(\w+\)",
        "the bundle starts the search worker with new Worker(url), url from the configuration",
        (_ON_DEMAND,),
        "reading.js (its part 0) replaces window.Worker before the bundle runs; " + _BUNDLE_FIX,
    ),
    Shape(
        BUNDLE,
        r',"message",\w+=>\w+\.data\)',
        "the bundle reads the worker's answers from its 'message' events",
        (_ON_DEMAND,),
        "the stand-in worker of reading.js (part 0) dispatches 'message' events; " + _BUNDLE_FIX,
    ),
    Shape(
        BUNDLE,
        r"\.on(?:message|error)\s*=",
        "the bundle sets no onmessage or onerror on the worker",
        (_ON_DEMAND,),
        "the stand-in worker of reading.js (part 0) has no such properties; give it them",
        present=False,
    ),
    Shape(
        BUNDLE,
        r"\{type:0,data:\{config:\w+,docs:\w+,options:",
        "the bundle sends the search index as message 0 (SETUP) {config, docs, options}",
        (_WORDS,),
        "search-words.js answers SETUP itself (it fetches the entries first); " + _WORKER_FIX,
    ),
    Shape(
        BUNDLE,
        r"\{type:2,data:\w+\}",
        "the bundle sends a query as message 2 (QUERY) with the query string as data",
        (_WORDS,),
        "search-words.js rewrites the data of QUERY messages; " + _WORKER_FIX,
    ),
    Shape(
        BUNDLE,
        r'new URL\("search/search_index\.json",',
        "the bundle fetches search/search_index.json relative to the configuration's base",
        (_MAIN, "hooks/llmqa/search/on_demand.py (INDEX)"),
        "block config gives each language its base for that; find where the bundle reads the index now",
    ),
    Shape(
        BUNDLE,
        r'\.has\("q"\)&&',
        "the bundle opens search with the query of a ?q= link",
        ("overrides/404.html",),
        "the 404 page's search forms send ?q= to a home page; find how Material takes a query now",
    ),
    Shape(
        BUNDLE,
        r'"\[data-clipboard-target\], \[data-clipboard-text\]"',
        "the bundle copies the data-clipboard-text of whatever carries one",
        (
            "overrides/assets/javascripts/reading/20-permalinks.js",
            "overrides/assets/javascripts/reading/55-cite.js",
        ),
        "the permalinks and the cite button copy through it; " + _BUNDLE_FIX,
    ),
    Shape(
        BUNDLE,
        r'new URL\("sitemap\.xml",',
        "the language selector fetches sitemap.xml next to each alternate's page",
        ("hooks/llmqa/output/sitemaps.py", "overrides/assets/javascripts/reading/10-language-switch.js"),
        "the site writes a sitemap per language and hides the alternates from that lookup; "
        "drop what is no longer needed",
    ),
    # The search worker: its messages, and the index settings it reads.
    Shape(
        WORKER,
        r'addEventListener\("message",',
        "the worker listens with addEventListener('message')",
        (_WORDS,),
        "search-words.js registers its listener first, to take SETUP and rewrite QUERY; " + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r"case 0:[^;]{0,80}?\.data\.config\)[^;]{0,40}?new \w+\(\w+\.data\),\{type:1\}",
        "message 0 (SETUP) builds the index from its data and answers 1 (READY)",
        (_WORDS,),
        "search-words.js sends SETUP itself, with the entries it fetched; " + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r"constructor\(\{config:\w+,docs:\w+,options:\w+\}\)",
        "the worker's index is made of {config, docs, options}",
        (_WORDS,),
        "search-words.js hands it exactly that; " + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r"case 2:.{0,80}?\{type:3,data:\w+\.search\(",
        "message 2 (QUERY) is answered by message 3 (RESULT) with the search's result",
        (_WORDS,),
        "search-words.js rewrites queries (QUERY) and reorders results (RESULT); " + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r"\{items:\[\.\.\.\w+\.values\(\)\]\}",
        "a result's data is {items: [...]}, one list of entries per page",
        (_WORDS,),
        "search-words.js reranks data.items group by group; " + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r",terms:\w+\}\)",
        "each entry of a result has the query's terms it matched (terms)",
        (_WORDS,),
        "search-words.js ranks pages by entry.terms; " + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r"\\\\p\{sc=Han\}\+",
        "the worker cuts each run of Han characters of a query into words of the index",
        (_WORDS,),
        "search-words.js hands it each Chinese word with one more character (〇) that cut drops; "
        + _WORKER_FIX,
    ),
    Shape(
        WORKER,
        r"new RegExp\(\w+\.separator\)",
        "the worker splits words with the index's config.separator",
        (_INDEX + " (SEARCH_SETTINGS)", _WORDS),
        "the site writes its own separator; see how the worker reads it now",
    ),
    Shape(
        WORKER,
        r'\["trimmer","stopWordFilter","stemmer"\],\w+\.pipeline\)',
        "the worker keeps only the lunr pipeline steps config.pipeline names",
        (_INDEX + " (SEARCH_SETTINGS)",),
        "the site keeps the stop-word filter and no stemmer; see how the worker reads it now",
    ),
    Shape(
        WORKER,
        r"\{boost:\w+\.boost\}",
        "each entry's boost weighs it in the index",
        (_INDEX + " (LISTING_BOOST)",),
        "the listing pages rank after the sections by their boost; find another way to lower them",
    ),
    # Material's plugins.
    Shape(
        "plugins/search/plugin.py",
        r'"data-search-exclude"',
        "the search plugin leaves out of the index what carries data-search-exclude",
        ("overrides/partials/glossary.html", "overrides/partials/practice-controls.html"),
        "the glossary's definitions and the page controls stay out of the index by it "
        "(tests/test_page_weight.py budgets the index)",
    ),
    Shape(
        "plugins/search/plugin.py",
        r'for key in \["lang", "separator", "pipeline", "fields"\]',
        "the index's config has lang, separator, pipeline and fields",
        (_INDEX, _WORDS),
        "the site replaces lang, separator and pipeline and reads fields; see what the plugin writes",
    ),
    *(
        Shape(
            "plugins/tags/config.py",
            rf"^    {option} = ",
            f"the tags plugin has the option {option}",
            (_TOPICS,),
            "configure_tags sets it to list topics in nav order under their anchors; "
            "see what the option is called now",
        )
        for option in (
            "tags_sort_by",
            "tags_slugify",
            "tags_slugify_format",
            "listings_sort_by",
            "listings_tags_sort_by",
        )
    ),
    Shape(
        "plugins/tags/__init__.py",
        r"def item_title\(mapping: Mapping\):\n(?:    #.*\n)*    return .*\bmapping\.item\.title\b",
        "a listing's sort key reads mapping.item (its page)",
        (_TOPICS + " (section_number)",),
        "section_number reads mapping.item.meta and .title; see what a listing's item is now",
    ),
    # Material's stylesheets, as unused_css.py prunes them.
    Shape(
        f"{STYLESHEETS}/main.*.min.css",
        re.escape(unused_css.PLAIN_TABLE),
        f"the main stylesheet styles plain tables with {unused_css.PLAIN_TABLE}",
        ("hooks/llmqa/output/unused_css.py (PLAIN_TABLE)", "tests/test_unused_css.py"),
        "the rewrite of that selector no longer happens; see how Material styles tables now",
    ),
    *(
        Shape(
            f"{STYLESHEETS}/palette.*.min.css",
            rf"\[data-md-color-{name}={value}\]",
            f"the palette stylesheet has [data-md-color-{name}={value}]",
            ("mkdocs.yml (theme.palette)", "hooks/llmqa/output/unused_css.py (SELECTOR_COLOR)"),
            "the site's colours are gone or written differently; choose others or update unused_css.py",
        )
        for name, value in (("scheme", "slate"), ("primary", "indigo"), ("accent", "indigo"))
    ),
)
