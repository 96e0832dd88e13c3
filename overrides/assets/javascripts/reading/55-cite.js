/* 6. "Cite" on each block heading and correction note of a section page: a button next to the permalink
 * that copies a plain citation in the page's language, e.g.
 *   LLM 问答，第 3 节「如何处理大规模语言模型的过拟合问题？」，答案。访问日期：2026-12-01。https://…/overfitting/#answer
 *   LLM Q&A, section 3, “Handling Overfitting”, Answer. Accessed 2026-12-01. https://…/en/overfitting/#answer
 * The site name and the numbered title are the page's own og:site_name and og:title, the address its
 * canonical URL (site_url, also on a copy served elsewhere) with the block's anchor, the date today's.
 * The URL comes last, so a chat that links it takes nothing else with it. Copied by Material's
 * clipboard integration (data-clipboard-text), with its "copied" notice, as the permalink is.
 */
(function () {
  "use strict";

  var TEXTS = {
    zh: { cite: "复制引用", label: "复制引用：" },
    en: { cite: "Copy citation", label: "Copy a citation of: " }
  };
  var lang = document.documentElement.lang in TEXTS ? document.documentElement.lang : "en";
  var texts = TEXTS[lang];
  var article = document.querySelector(".md-content__inner");
  var canonical = document.querySelector('link[rel="canonical"]');
  var site = document.querySelector('meta[property="og:site_name"]');
  var title = document.querySelector('meta[property="og:title"]');
  var section = title && /^(\d+)\.\s+(.+)$/.exec(title.content);
  if (!article || !canonical || !site || !section || !article.querySelector(":scope > h2#question")) {
    return;  /* not a section page */
  }
  var now = new Date();
  var date = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (part) {
    return part < 10 ? "0" + part : String(part);
  }).join("-");

  function citation(id, place) {
    var url = canonical.href.split("#")[0] + "#" + id;
    if (lang === "zh") {
      return site.content + "，第 " + section[1] + " 节「" + section[2] + "」，" + place +
        "。访问日期：" + date + "。" + url;
    }
    return site.content + ", section " + section[1] + ", \u201c" + section[2] + "\u201d, " + place +
      ". Accessed " + date + ". " + url;
  }

  function citeButton(id, place) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "qa-cite";
    button.title = texts.cite;
    button.setAttribute("aria-label", texts.label + place);
    button.setAttribute("data-clipboard-text", citation(id, place));
    return button;
  }

  article.querySelectorAll(":scope > h2[id]").forEach(function (heading) {
    qaControls(heading).appendChild(citeButton(heading.id, qaOwnText(heading)));
  });
  article.querySelectorAll(".erratum[id]").forEach(function (note) {
    var heading = note.querySelector(":scope > .admonition-title, :scope > summary");
    if (heading) {
      qaControls(heading).appendChild(citeButton(note.id, qaOwnText(heading)));
    }
  });
})();
