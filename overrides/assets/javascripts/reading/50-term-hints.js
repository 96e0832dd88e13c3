/* 5. Term hints: the first use of a glossary term on a section page is a focusable <abbr class="qa-term">
 * described by its counterpart for screen readers (aria-describedby: a hidden element in the
 * counterpart's language, in the list at the end of the content), all written by the build
 * (hooks/llmqa/glossary/hints.py). Here each shows its counterpart in a tip on hover, keyboard focus and
 * tap; Escape, a tap elsewhere or leaving closes it. Content added later (the parallel view) announces
 * itself with a "qa:content" event: its terms come as <abbr title="counterpart"> and are made the same
 * way here.
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
      note.id = "qa-hint-added-" + ++count;  /* qa-hint-1 ... are the build's */
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
})();

