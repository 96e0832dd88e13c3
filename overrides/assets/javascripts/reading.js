/* LLM Q&A: reading and sharing. One file, so that a page makes one request for it; six
 * independent parts, each in its own function (3 and 4 remember the reader's choice with qaChoice):
 *   1. the language switch keeps the page and the #anchor;
 *   2. block headings and correction notes get a permalink and a "copy link" button;
 *   3. practice mode hides a section's answer, example and analysis until the reader shows them;
 *   4. the parallel view: its switch, and (4b) the view, built on first use;
 *   5. term hints: a glossary term's counterpart on hover, focus and tap;
 *   6. "report a problem" links on block headings and correction notes.
 * UI text follows <html lang>.
 */

/* A reader's on/off choice (practice mode, the parallel view), remembered for every page and both
 * languages. Where storage is disabled, a choice lasts for the page it was made on. */
var qaChoice = {
  on: function (key) {
    try {
      return localStorage.getItem(key) === "on";
    } catch (error) {
      return false;
    }
  },
  set: function (key, on) {
    try {
      if (on) {
        localStorage.setItem(key, "on");
      } else {
        localStorage.removeItem(key);
      }
    } catch (error) {
      /* storage disabled */
    }
  }
};

/* What ends a block's content: the next heading, or the end of the page's own content. */
var QA_BLOCK_END = "h1, h2, .qa-related, .md-source-file, .md-feedback, [data-md-component]";

/* An element's own text, without that of its children (a heading without its permalink). */
function qaOwnText(element) {
  var text = "";
  element.childNodes.forEach(function (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      text += node.textContent;
    }
  });
  return text.trim();
}

/* 1. Language switch: the other language's version of the same page, at the same #anchor.
 *
 * mkdocs-static-i18n points each entry of Material's language menu at the translation of the current
 * page; the block and erratum anchors are the same in every language (#answer, #erratum-1a), so the
 * link only needs the current hash. It is added when the link is about to be used (pointer down,
 * keyboard focus, click), because Material updates the hash while the reader scrolls.
 *
 * The page also carries absolute hreflang <link rel="alternate"> tags for search engines and link
 * previews (partials/link-preview.html). Material fetches "sitemap.xml" next to every such link when
 * the document is ready, to map pages between languages: with absolute production URLs that is a
 * request to another origin (and a 404 per page), and this script already does the mapping. Material's
 * ready handler was registered by its bundle, which runs before this script, so it runs first: the
 * links lose their rel until it has looked, and get it back right after.
 */
(function () {
  "use strict";

  var hidden = Array.prototype.slice.call(
    document.querySelectorAll('link[rel="alternate"][hreflang]')
  );
  hidden.forEach(function (link) {
    link.setAttribute("rel", "");
  });
  document.addEventListener("DOMContentLoaded", function () {
    hidden.forEach(function (link) {
      link.setAttribute("rel", "alternate");
    });
  }, { once: true });

  function carryHash(event) {
    var target = event.target;
    var link = target instanceof Element ? target.closest(".md-select a[hreflang]") : null;
    if (!link) {
      return;
    }
    var url = new URL(link.href, location.href);
    url.hash = location.hash;
    link.href = url.href;
  }

  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, carryHash, true);
  });
})();

/* 2. A permalink and a one-click "copy link" button on each block heading and each correction note.
 *
 * Block headings (## 答案 {#answer}) already have Markdown's permalink (¶); correction notes
 * (/// erratum, with an id) get one here. Each gets a button whose data-clipboard-text is the page's
 * address with the anchor: Material's clipboard integration copies it on click and shows its
 * "copied" notice.
 */
(function () {
  "use strict";

  var LABELS = {
    zh: { copy: "复制链接", permalink: "链接到此处" },
    en: { copy: "Copy link", permalink: "Link to this place" }
  };
  var lang = document.documentElement.lang in LABELS ? document.documentElement.lang : "en";
  var labels = LABELS[lang];
  var article = document.querySelector(".md-content__inner");
  if (!article) {
    return;
  }

  function copyButton(id, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "qa-copy-link";
    button.title = labels.copy;
    button.setAttribute("aria-label", labels.copy + (lang === "zh" ? "：" : ": ") + name);
    button.setAttribute("data-clipboard-text", location.origin + location.pathname + "#" + id);
    return button;
  }

  function permalink(id) {
    var link = document.createElement("a");
    link.className = "headerlink";
    link.href = "#" + id;
    link.title = labels.permalink;
    link.textContent = "¶";
    return link;
  }

  article.querySelectorAll(":scope > h2[id]").forEach(function (heading) {
    if (!heading.querySelector(".headerlink")) {
      heading.appendChild(permalink(heading.id));
    }
    heading.classList.add("qa-linkable");
    heading.appendChild(copyButton(heading.id, qaOwnText(heading)));
  });

  article.querySelectorAll(".erratum[id]").forEach(function (note) {
    var title = note.querySelector(":scope > .admonition-title, :scope > summary");
    if (!title) {
      return;
    }
    title.classList.add("qa-linkable");
    title.appendChild(permalink(note.id));
    title.appendChild(copyButton(note.id, qaOwnText(title)));
  });
})();

/* 3. Practice mode: hide a section's answer, example and analysis behind "show" buttons, so a reader can
 * answer the question first.
 *
 * Off by default; the switch at the top of a section turns it on for every page (localStorage, read
 * before the first paint by overrides/main.html). A link to a block (#answer) or to anything inside
 * one (#erratum-1a) shows that block.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "llm-qa:practice";
  var BLOCKS = ["answer", "example", "analysis"];
  var root = document.documentElement;
  var article = document.querySelector(".md-content__inner");
  var question = article && article.querySelector(":scope > h2#question");
  var toggle = article && article.querySelector(":scope > .qa-practice-bar > .qa-practice-toggle");
  if (!question || !toggle) {
    root.classList.remove("qa-practice");
    return;  // not a section page
  }

  function stored() {
    return qaChoice.on(STORAGE_KEY);
  }

  function store(on) {
    qaChoice.set(STORAGE_KEY, on);
  }

  /* The build writes the switch, each block's show/hide button (with its two labels) and the wrapper
   * that hides the block, div.qa-block#qa-block-answer, with the pair the parallel view (part 4)
   * fills inside it (hooks/block_wrappers.py, overrides/partials/practice-controls.html): nothing of
   * the page moves while it starts. */
  var blocks = [];
  BLOCKS.forEach(function (id) {
    var heading = article.querySelector(":scope > h2#" + id);
    var button = heading && heading.nextElementSibling;
    var body = document.getElementById("qa-block-" + id);
    if (!body || !button || !button.matches(".qa-reveal")) {
      return;
    }
    var block = { id: id, heading: heading, body: body, button: button };
    button.addEventListener("click", function () {
      setOpen(block, block.body.hidden);
    });
    blocks.push(block);
  });

  /* Only what changes is written: the page as built is the page with every block open. */
  function setOpen(block, open) {
    var label = block.button.getAttribute(open ? "data-qa-hide" : "data-qa-show");
    if (block.body.hidden === open) {
      block.body.hidden = !open;
    }
    if (block.button.getAttribute("aria-expanded") !== String(open)) {
      block.button.setAttribute("aria-expanded", String(open));
    }
    if (block.button.textContent !== label) {
      block.button.textContent = label;
    }
  }

  function setPractice(on) {
    root.classList.toggle("qa-practice", on);
    toggle.setAttribute("aria-pressed", String(on));
    blocks.forEach(function (block) {
      setOpen(block, !on);
    });
    if (on) {
      revealTarget();
    }
  }

  /* Show the block the address points into. */
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    blocks.forEach(function (block) {
      if (block.body.hidden && (target === block.heading || block.body.contains(target))) {
        setOpen(block, true);
        if (target !== block.heading) {
          target.scrollIntoView();
        }
      }
    });
  }

  toggle.addEventListener("click", function () {
    var on = toggle.getAttribute("aria-pressed") !== "true";
    store(on);
    setPractice(on);
  });
  window.addEventListener("hashchange", revealTarget);
  setPractice(stored());
  root.classList.add("qa-practice-ready");
})();

/* 4. Parallel view (中英对照 / Side by side): each block and correction note with the other language's
 * version next to it. This part is the switch, next to practice mode's, remembered like it
 * (localStorage, for every page and both languages); 4b is the view. The other language's page (the
 * one Material's language menu points at) is fetched from this site when the view is first turned on,
 * or a moment before, when the pointer or keyboard focus reaches the switch: with the view off a
 * page loads nothing more. The view's code and styles are in this file and reading.css (1.9 KB
 * gzip): loaded on first use, they cost two more requests, and these waited behind the click.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "llm-qa:parallel";
  var TEXTS = {
    zh: { other: "en", failed: "英文版本没有加载成功，请稍后再试。" },
    en: { other: "zh", failed: "The Chinese version could not be loaded: try again later." }
  };
  var root = document.documentElement;
  var texts = TEXTS[root.lang] || TEXTS.en;
  var article = document.querySelector(".md-content__inner");
  var bar = article && article.querySelector(":scope > .qa-practice-bar");
  var link = document.querySelector('.md-select a[hreflang="' + texts.other + '"]');
  if (!bar || !link) {
    if (bar) {
      bar.querySelector(".qa-parallel-toggle").hidden = true;  // no other language to show
    }
    return;  // not a section page
  }

  var toggle = bar.querySelector(".qa-parallel-toggle");  // written by the build, like the bar
  var status = bar.querySelector(".qa-parallel-status");

  var ready = null;

  function load() {
    if (!ready) {
      var address = new URL(link.href, location.href);
      address.hash = "";
      var page = fetch(address.href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status + " for " + address.href);
        }
        return response.text().then(function (html) {
          return { url: response.url, html: html };
        });
      });
      ready = page.then(function (other) {
        return window.qaParallel.build(other);
      });
      ready.catch(function () {
        ready = null;  // the next use tries again
      });
    }
    return ready;
  }

  function stored() {
    return qaChoice.on(STORAGE_KEY);
  }

  function store(on) {
    qaChoice.set(STORAGE_KEY, on);
  }

  function setParallel(on) {
    toggle.setAttribute("aria-pressed", String(on));
    status.textContent = "";
    if (!on) {
      root.removeAttribute("data-qa-parallel");
      return;
    }
    load().then(function () {
      if (toggle.getAttribute("aria-pressed") === "true") {
        root.setAttribute("data-qa-parallel", "");
        window.qaParallel.align();
      }
    }, function () {
      toggle.setAttribute("aria-pressed", "false");
      status.textContent = texts.failed;
    });
  }

  // A head start: the pointer on the switch, or keyboard focus on it, before the click.
  ["pointerenter", "pointerdown", "focus"].forEach(function (type) {
    toggle.addEventListener(type, load, { once: true });
  });
  toggle.addEventListener("click", function () {
    var on = toggle.getAttribute("aria-pressed") !== "true";
    store(on);
    setParallel(on);
  });
  setParallel(stored());
})();

/* 4b. The parallel view itself, built when it is first turned on (or the pointer or keyboard focus
 * reaches its switch), from the other language's version of the page.
 *
 * Both languages have the same four blocks and the same correction notes with the same ids. Each
 * block's content is already in a pair (the build writes it); the other language's
 * version is added to it, marked with its lang, and nothing of the page's own is moved. The
 * stylesheet (reading.css) shows a pair as two columns on a wide screen, where each correction
 * note is also moved down to the height of its counterpart in the other column, and as the other
 * language right under the block on a phone and in print, where each correction note is followed
 * by its counterpart. Practice mode hides a block by its wrapper (.qa-block), which holds the whole
 * pair, so a hidden block hides both languages. html[data-qa-parallel] (set by part 4) turns the
 * view on and off; the pairs stay.
 *
 * The other page's article is parsed with DOMParser, which runs none of its scripts; only its
 * blocks are taken (moved out of the parsed document, not copied), with their ids removed (they are
 * this page's ids too), their permalinks dropped and their links made absolute (they are relative
 * to the other page).
 */
(function () {
  "use strict";

  var BLOCKS = ["question", "answer", "example", "analysis"];
  var WIDE = window.matchMedia("screen and (min-width: 60em)");
  var article = document.querySelector(".md-content__inner");
  var otherLang = /^zh/i.test(document.documentElement.lang) ? "en" : "zh-CN";
  var pairs = [];
  var built = null;

  /* What a block of the other page holds: its pair's own column (a page built before the pairs were
   * written by the build: everything up to the next heading). */
  function contentOf(heading) {
    var pair = pairAfter(heading);
    var own = pair && pair.querySelector(":scope > .qa-pair__own");
    return own ? Array.prototype.slice.call(own.childNodes) : following(heading);
  }

  function following(heading) {
    var nodes = [];
    for (var node = heading.nextSibling; node && !(node.nodeType === Node.ELEMENT_NODE && node.matches(QA_BLOCK_END)); node = node.nextSibling) {
      nodes.push(node);
    }
    return nodes;
  }

  /* The pair a block's own content is in (.qa-pair > .qa-pair__own, written by the build): right
   * after the heading, or inside practice mode's wrapper. */
  function pairAfter(heading) {
    for (var node = heading.nextElementSibling; node && !node.matches(QA_BLOCK_END); node = node.nextElementSibling) {
      var pair = node.matches(".qa-pair") ? node : node.querySelector(":scope > .qa-pair");
      if (pair) {
        return pair;
      }
    }
    return null;
  }

  /* Nodes of the other page, ready for this one. */
  function adopt(nodes, base) {
    var fragment = document.createDocumentFragment();
    nodes.forEach(function (node) {
      fragment.appendChild(document.adoptNode(node));
    });
    fragment.querySelectorAll(".headerlink").forEach(function (link) {
      link.remove();
    });
    fragment.querySelectorAll(".erratum[id]").forEach(function (note) {
      note.setAttribute("data-qa-note", note.id);
    });
    fragment.querySelectorAll("[id]").forEach(function (element) {
      element.removeAttribute("id");
    });
    fragment.querySelectorAll("[aria-labelledby], [aria-describedby], [for]").forEach(function (element) {
      element.removeAttribute("aria-labelledby");
      element.removeAttribute("aria-describedby");
      element.removeAttribute("for");
    });
    fragment.querySelectorAll("a[href]").forEach(function (link) {
      link.href = new URL(link.getAttribute("href"), base).href;
    });
    fragment.querySelectorAll("img[src]").forEach(function (image) {
      image.src = new URL(image.getAttribute("src"), base).href;
    });
    return fragment;
  }

  function column(className, lang) {
    var element = document.createElement("div");
    element.className = className;
    if (lang) {
      element.lang = lang;
    }
    return element;
  }

  /* The other page's article alone: a third of the page, and a third of the time to parse it. */
  function articleOf(html) {
    var start = html.indexOf('<article class="md-content__inner');
    var end = html.lastIndexOf("</article>");
    return start >= 0 && end > start ? html.slice(start, end + "</article>".length) : html;
  }

  function build(other) {
    if (built) {
      return built;
    }
    var doc = new DOMParser().parseFromString(articleOf(other.html), "text/html");
    var theirs = doc.querySelector(".md-content__inner");
    if (!theirs || !theirs.querySelector(":scope > h2#question")) {
      throw new Error("no section at " + other.url);
    }
    BLOCKS.forEach(function (id) {
      var mine = article.querySelector(":scope > h2#" + id);
      var their = theirs.querySelector(":scope > h2#" + id);
      var pair = mine && pairAfter(mine);
      if (!pair || !their) {
        return;
      }
      var name = document.createElement("span");
      name.className = "qa-parallel-heading";
      name.lang = otherLang;
      name.textContent = qaOwnText(their);
      var text = Array.prototype.find.call(mine.childNodes, function (node) {
        return node.nodeType === Node.TEXT_NODE && node.textContent.trim();
      });
      mine.insertBefore(name, text ? text.nextSibling : mine.firstChild);

      var nodes = contentOf(their);
      if (id === "question") {
        // The other page's notice that its translation may be out of date goes with it.
        nodes = Array.prototype.slice.call(theirs.querySelectorAll(":scope > .admonition.outdated")).concat(nodes);
      }
      var others = column("qa-pair__other", otherLang);
      others.appendChild(adopt(nodes, other.url));
      pair.appendChild(others);
      var own = pair.firstChild;

      // On a phone and in print, each correction note is followed by its counterpart.
      own.querySelectorAll(".erratum[id]").forEach(function (note) {
        var counterpart = others.querySelector('[data-qa-note="' + note.id + '"]');
        if (counterpart) {
          var copy = counterpart.cloneNode(true);
          copy.classList.add("qa-other-note");
          copy.lang = otherLang;
          note.after(copy);
        }
      });
      pairs.push(pair);
    });
    document.dispatchEvent(new CustomEvent("qa:content", { detail: article }));
    watch();
    built = pairs;
    return built;
  }

  /* Two columns: move each correction note down to its counterpart's height, in page order. All
   * positions are read at once and the shifts worked out from them (a shift moves everything below it
   * in its column), so the page is laid out once to read and once to check, not once per note. A
   * note's new top margin takes its collapse with the previous element's bottom margin into account. */
  function notesOf(pair) {
    var others = pair.lastChild;
    return Array.prototype.map.call(pair.firstChild.querySelectorAll(".erratum[id]"), function (note) {
      return [note, others.querySelector('[data-qa-note="' + note.id + '"]')];
    }).filter(function (both) {
      return both[1] && both[0].offsetParent;
    });
  }

  function marginAbove(element) {
    var style = getComputedStyle(element);
    var previous = element.previousElementSibling;
    var below = previous ? parseFloat(getComputedStyle(previous).marginBottom) || 0 : 0;
    return Math.max(parseFloat(style.marginTop) || 0, below);
  }

  function shiftNotes(notes) {
    var tops = notes.map(function (both) {
      return [both[0].getBoundingClientRect().top, both[1].getBoundingClientRect().top];
    });
    var moved = [0, 0];  // how far each column has moved down so far
    var changed = false;
    notes.forEach(function (both, index) {
      var gap = tops[index][0] + moved[0] - (tops[index][1] + moved[1]);
      if (Math.abs(gap) < 1) {
        return;
      }
      var side = gap > 0 ? 1 : 0;  // the higher of the two moves down
      var element = both[side];
      var current = element.classList.contains("qa-shifted") ? parseFloat(element.style.getPropertyValue("--qa-shift")) : marginAbove(element);
      element.style.setProperty("--qa-shift", current + Math.abs(gap) + "px");
      element.classList.add("qa-shifted");
      moved[side] += Math.abs(gap);
      changed = true;
    });
    return changed;
  }

  function align() {
    var notes = [];
    pairs.forEach(function (pair) {
      pair.querySelectorAll(".qa-shifted").forEach(function (element) {
        element.classList.remove("qa-shifted");
        element.style.removeProperty("--qa-shift");
      });
    });
    if (!WIDE.matches || !document.documentElement.hasAttribute("data-qa-parallel")) {
      return;
    }
    pairs.forEach(function (pair) {
      notes = notes.concat(notesOf(pair));
    });
    for (var tries = 0; tries < 3 && shiftNotes(notes); tries++) {
      /* check, and correct what a margin rule the shifts did not foresee left over */
    }
  }

  var scheduled = false;

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(function () {
        scheduled = false;
        align();
      });
    }
  }

  /* Realign when a column's width changes or a hidden block is shown (its width goes from 0). */
  function watch() {
    var widths = new Map();
    var observer = new ResizeObserver(function (entries) {
      var changed = entries.some(function (entry) {
        var width = Math.round(entry.contentRect.width);
        var before = widths.get(entry.target);
        widths.set(entry.target, width);
        return before !== width;
      });
      if (changed) {
        schedule();
      }
    });
    pairs.forEach(function (pair) {
      observer.observe(pair.lastChild);
    });
    WIDE.addEventListener("change", schedule);
  }

  window.qaParallel = { build: build, align: align };
})();

/* 5. Term hints: the first use of a glossary term on a section page is <abbr title="counterpart">
 * (hooks/glossary_hook.py). Here each becomes focusable, described by its counterpart for screen
 * readers (aria-describedby, a hidden element in the counterpart's language), and shows it in a tip
 * on hover, keyboard focus and tap; Escape, a tap elsewhere or leaving closes it. Without script the
 * title shows as the browser's own tooltip. Content added later (the parallel view) announces itself
 * with a "qa:content" event.
 */
(function () {
  "use strict";

  var article = document.querySelector(".md-content__inner");
  if (!article) {
    return;
  }
  var count = 0;
  var tip = null;
  var current = null;
  var timer = 0;

  function prepare(container) {
    container.querySelectorAll("abbr[title]").forEach(function (term) {
      var text = term.getAttribute("title");
      var holder = term.closest("[lang]");
      var note = document.createElement("span");
      note.id = "qa-hint-" + ++count;
      note.hidden = true;
      note.lang = holder && /^zh/i.test(holder.lang) ? "en" : "zh-CN";
      note.textContent = text;
      term.removeAttribute("title");
      term.classList.add("qa-term");
      term.tabIndex = 0;
      term.setAttribute("aria-describedby", note.id);
      term.after(note);
    });
  }

  function show(term) {
    clearTimeout(timer);
    var note = document.getElementById(term.getAttribute("aria-describedby"));
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "qa-hint-tip";
      tip.setAttribute("aria-hidden", "true");
      document.body.appendChild(tip);
    }
    current = term;
    tip.textContent = note.textContent;
    tip.lang = note.lang;
    tip.hidden = false;
    var box = term.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    clearTimeout(timer);
    if (tip) {
      tip.hidden = true;
    }
    current = null;
  }

  function termOf(target) {
    return target instanceof Element ? target.closest("abbr.qa-term") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) {
      show(term);
    } else if (tip && tip.contains(event.target)) {
      clearTimeout(timer);
    }
  });
  document.addEventListener("mouseout", function (event) {
    if (current && current !== document.activeElement && (termOf(event.target) || tip.contains(event.target))) {
      timer = setTimeout(hide, 300);  // time to move onto the tip
    }
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) {
      show(term);
    } else if (current) {
      hide();
    }
  });
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (term) {
      show(term);
    } else if (current && !tip.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      hide();
    }
  });
  window.addEventListener("resize", function () {
    if (current) {
      show(current);
    }
  });
  document.addEventListener("qa:content", function (event) {
    prepare(event.detail);
  });
  prepare(article);
})();

/* 6. "Report a problem" on each block heading and correction note: a link that opens the repository's
 * correction form (.github/ISSUE_TEMPLATE/correction.yml) with the page, the place on it, the
 * language and the section filled in, so a reader who does not know git can still say what is wrong.
 * The repository is the one the site links to in its header (config.repo_url), so a fork reports to
 * itself. Issue forms take a field's value from the query parameter named after the field's id.
 */
(function () {
  "use strict";

  var TEXTS = {
    zh: { report: "报告问题", label: "报告此处的问题：" },
    en: { report: "Report a problem", label: "Report a problem with: " }
  };
  var lang = document.documentElement.lang in TEXTS ? document.documentElement.lang : "en";
  var texts = TEXTS[lang];
  var source = document.querySelector("a.md-source");
  var canonical = document.querySelector('link[rel="canonical"]');
  var article = document.querySelector(".md-content__inner");
  if (!source || !article || !article.querySelector(":scope > h2#question")) {
    return;  /* not a section page */
  }
  var repository = source.href.replace(/\/+$/, "");
  if (!/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repository)) {
    return;
  }
  var page = canonical ? canonical.href : location.origin + location.pathname;
  var section = document.title.split(" - ")[0];

  function reportLink(id, name) {
    var url = new URL(repository + "/issues/new");
    url.searchParams.set("template", "correction.yml");
    url.searchParams.set("title", section + " #" + id);
    url.searchParams.set("page", page + "#" + id);
    url.searchParams.set("anchor", "#" + id);
    url.searchParams.set("language", lang);
    url.searchParams.set("section", section);
    var link = document.createElement("a");
    link.className = "qa-report-link";
    link.href = url.href;
    link.target = "_blank";
    link.rel = "noopener";
    link.title = texts.report;
    link.setAttribute("aria-label", texts.label + name);
    return link;
  }

  article.querySelectorAll(":scope > h2[id]").forEach(function (heading) {
    heading.appendChild(reportLink(heading.id, qaOwnText(heading)));
  });
  article.querySelectorAll(".erratum[id]").forEach(function (note) {
    var title = note.querySelector(":scope > .admonition-title, :scope > summary");
    if (title) {
      title.appendChild(reportLink(note.id, qaOwnText(title)));
    }
  });
})();
