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

  /* Two columns: move each correction note down to its counterpart's height, in page order. */
  function align() {
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
      var others = pair.lastChild;
      pair.firstChild.querySelectorAll(".erratum[id]").forEach(function (note) {
        var counterpart = others.querySelector('[data-qa-note="' + note.id + '"]');
        if (!counterpart || !note.offsetParent) {
          return;
        }
        for (var tries = 0; tries < 3; tries++) {
          var gap = note.getBoundingClientRect().top - counterpart.getBoundingClientRect().top;
          if (Math.abs(gap) < 1) {
            break;
          }
          var lower = gap > 0 ? counterpart : note;
          var margin = parseFloat(getComputedStyle(lower).marginTop) || 0;
          lower.style.setProperty("--qa-shift", margin + Math.abs(gap) + "px");
          lower.classList.add("qa-shifted");
        }
      });
    });
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
    if (document.fonts) {
      document.fonts.ready.then(schedule);
    }
  }

  window.qaParallel = { build: build, align: align };
})();
