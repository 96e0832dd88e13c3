/* LLM Q&A: the parallel view (中英对照 / Side by side), loaded by reading.js when the view is first
 * turned on, with the other language's version of the page.
 *
 * Both languages have the same four blocks and the same correction notes with the same ids. Each
 * block's content goes into a pair: the page's own content, and the other language's, marked with
 * its lang. The stylesheet (reading.css) shows a pair as two columns on a wide screen, where each
 * correction note is also moved down to the height of its counterpart in the other column, and as
 * the other language right under the block on a phone and in print, where each correction note is
 * followed by its counterpart. Practice mode hides a block by its wrapper (.qa-block), which holds
 * the whole pair, so a hidden block hides both languages. html.qa-parallel (set by reading.js) turns
 * the view on and off; the pairs stay.
 *
 * The other page is parsed with DOMParser, which runs none of its scripts; only its article's
 * blocks are taken, with their ids removed (they are this page's ids too), their permalinks dropped
 * and their links made absolute (they are relative to the other page).
 */
(function () {
  "use strict";

  var BLOCKS = ["question", "answer", "example", "analysis"];
  var BOUNDARY = "h1, h2, .qa-related, .md-source-file, .md-feedback, [data-md-component]";
  var WIDE = window.matchMedia("screen and (min-width: 60em)");
  var article = document.querySelector(".md-content__inner");
  var otherLang = /^zh/i.test(document.documentElement.lang) ? "en" : "zh-CN";
  var pairs = [];
  var built = null;

  function following(heading) {
    var nodes = [];
    for (var node = heading.nextSibling; node && !(node.nodeType === Node.ELEMENT_NODE && node.matches(BOUNDARY)); node = node.nextSibling) {
      nodes.push(node);
    }
    return nodes;
  }

  function textOf(heading) {
    var text = "";
    heading.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        text += node.textContent;
      }
    });
    return text.trim();
  }

  /* Nodes of the other page, ready for this one. */
  function adopt(nodes, base) {
    var fragment = document.createDocumentFragment();
    nodes.forEach(function (node) {
      fragment.appendChild(document.importNode(node, true));
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

  function build(other) {
    if (built) {
      return built;
    }
    var doc = new DOMParser().parseFromString(other.html, "text/html");
    var theirs = doc.querySelector(".md-content__inner");
    if (!theirs || !theirs.querySelector(":scope > h2#question")) {
      throw new Error("no section at " + other.url);
    }
    BLOCKS.forEach(function (id) {
      var mine = article.querySelector(":scope > h2#" + id);
      var their = theirs.querySelector(":scope > h2#" + id);
      if (!mine || !their) {
        return;
      }
      var name = document.createElement("span");
      name.className = "qa-parallel-heading";
      name.lang = otherLang;
      name.textContent = textOf(their);
      var text = Array.prototype.find.call(mine.childNodes, function (node) {
        return node.nodeType === Node.TEXT_NODE && node.textContent.trim();
      });
      mine.insertBefore(name, text ? text.nextSibling : mine.firstChild);

      var holder = article.querySelector(":scope > #qa-block-" + id);  // practice mode's wrapper
      var own = column("qa-pair__own");
      var nodes = following(their);
      if (id === "question") {
        // The other page's notice that its translation may be out of date goes with it.
        nodes = Array.prototype.slice.call(theirs.querySelectorAll(":scope > .admonition.outdated")).concat(nodes);
      }
      var others = column("qa-pair__other", otherLang);
      others.appendChild(adopt(nodes, other.url));
      var pair = column("qa-pair");
      if (holder) {
        while (holder.firstChild) {
          own.appendChild(holder.firstChild);
        }
        holder.appendChild(pair);
      } else {
        following(mine).forEach(function (node) {
          own.appendChild(node);
        });
        mine.after(pair);
      }
      pair.append(own, others);

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
    if (!WIDE.matches || !document.documentElement.classList.contains("qa-parallel")) {
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
