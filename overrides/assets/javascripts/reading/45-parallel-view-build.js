/* 4b. The parallel view itself, built when it is first turned on (or the pointer or keyboard focus
 * reaches its switch), from the other language's version of the page.
 *
 * Both languages have the same four blocks and the same correction notes with the same ids. Each
 * block's content is already in a pair (the build writes it); the other language's
 * version is added to it, marked with its lang, and nothing of the page's own is moved. The
 * stylesheet (stylesheets/site/20-reading.css) shows a pair as two columns on a wide screen, where each correction
 * note is also moved down to the height of its counterpart in the other column, and as the other
 * language right under the block on a phone and in print, where each correction note is followed
 * by its counterpart. Practice mode hides a block by its wrapper (.qa-block), which holds the whole
 * pair, so a hidden block hides both languages. html[data-qa-parallel] (set by part 4) turns the
 * view on and off; the pairs stay.
 *
 * The other page's article is parsed with DOMParser, which runs none of its scripts; only its
 * blocks are taken (moved out of the parsed document, not copied), with their ids removed (they are
 * this page's ids too), their controls and permalinks dropped and their links made absolute (they are relative
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
    fragment.querySelectorAll(".qa-controls, .headerlink").forEach(function (controls) {
      controls.remove();
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
    /* Their terms, described by their page's list of counterparts, back to <abbr title> (part 5 makes
     * them terms of this page). */
    theirs.querySelectorAll("abbr.qa-term[aria-describedby]").forEach(function (term) {
      var note = doc.getElementById(term.getAttribute("aria-describedby"));
      if (note) {
        term.title = note.textContent;
      }
      term.classList.remove("qa-term");
      term.removeAttribute("tabindex");
    });
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

