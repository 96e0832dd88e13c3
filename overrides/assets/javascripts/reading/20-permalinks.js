/* 2. A permalink on each block heading and each correction note, which copies itself.
 *
 * Block headings (## 答案 {#answer}) already have Markdown's permalink (¶); correction notes
 * (/// erratum, with an id) get one here. It is the place's one link control: a click (or Enter)
 * copies the page's address with the anchor, through Material's clipboard integration
 * (data-clipboard-text), which shows its "copied" notice, and the page stays where it is; opened in a
 * new tab, copied from the context menu or without scripts it is the plain link to the place.
 */
(function () {
  "use strict";

  var LABELS = {
    zh: { copy: "复制链接" },
    en: { copy: "Copy link" }
  };
  var lang = document.documentElement.lang in LABELS ? document.documentElement.lang : "en";
  var labels = LABELS[lang];
  var article = document.querySelector(".md-content__inner");
  if (!article) {
    return;
  }

  function permalink(holder, id, name) {
    var link = holder.querySelector(":scope > .headerlink");
    if (!link) {
      link = document.createElement("a");
      link.className = "headerlink";
      link.href = "#" + id;
      link.textContent = "¶";
    }
    link.title = labels.copy;
    link.setAttribute("aria-label", labels.copy + (lang === "zh" ? "：" : ": ") + name);
    link.setAttribute("data-clipboard-text", location.origin + location.pathname + "#" + id);
    qaControls(holder).appendChild(link);
  }

  article.querySelectorAll(":scope > h2[id]").forEach(function (heading) {
    permalink(heading, heading.id, qaOwnText(heading));
  });

  article.querySelectorAll(".erratum[id]").forEach(function (note) {
    var title = note.querySelector(":scope > .admonition-title, :scope > summary");
    if (title) {
      permalink(title, note.id, qaOwnText(title));
    }
  });

  /* Copy (Material's listener does), not go: a plain click or Enter leaves the page where it is. */
  article.addEventListener("click", function (event) {
    var plain = event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
    if (plain && event.target instanceof Element && event.target.closest(".qa-controls > .headerlink")) {
      event.preventDefault();
    }
  });
})();

