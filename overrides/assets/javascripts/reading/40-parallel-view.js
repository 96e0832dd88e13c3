/* 4. Parallel view (中英对照 / Side by side): each block and correction note with the other language's
 * version next to it. This part is the switch, next to practice mode's, remembered like it
 * (localStorage, for every page and both languages); 4b is the view. The other language's page (the
 * one Material's language menu points at) is fetched from this site when the view is first turned on,
 * or a moment before, when the pointer or keyboard focus reaches the switch: with the view off a
 * page loads nothing more. The view's code and styles are in this file and stylesheets/site/20-reading.css (1.9 KB
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

