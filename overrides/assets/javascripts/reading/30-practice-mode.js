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

