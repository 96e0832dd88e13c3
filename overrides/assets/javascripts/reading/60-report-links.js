/* 7. "Report a problem" on each block heading and correction note: a link that opens the repository's
 * correction form (.github/ISSUE_TEMPLATE/correction.yml; on an English page the translation form,
 * translation.yml, which points to the other for a mistake of the original) with the page, the place
 * on it, the language and the section filled in, so a reader who does not know git can still say what
 * is wrong.
 * The repository is the one the site links to in its header (config.repo_url), so a fork reports to
 * itself. Issue forms take a field's value from the query parameter named after the field's id.
 */
(function () {
  "use strict";

  var TEXTS = {
    zh: { report: "报告问题", label: "报告此处的问题：" },
    en: { report: "Report a translation problem", label: "Report a translation problem with: " }
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
    url.searchParams.set("template", lang === "en" ? "translation.yml" : "correction.yml");
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
    qaControls(heading).appendChild(reportLink(heading.id, qaOwnText(heading)));
  });
  article.querySelectorAll(".erratum[id]").forEach(function (note) {
    var title = note.querySelector(":scope > .admonition-title, :scope > summary");
    if (title) {
      qaControls(title).appendChild(reportLink(note.id, qaOwnText(title)));
    }
  });
})();
