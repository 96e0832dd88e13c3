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

