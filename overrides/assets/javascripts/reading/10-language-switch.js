/* 1. Language switch: the other language's version of the same page, at the same #anchor.
 *
 * mkdocs-static-i18n points each entry of Material's language menu at the translation of the current
 * page; the block and erratum anchors are the same in every language (#answer, #erratum-1a), so the
 * link only needs the current hash. It is added when the link is about to be used (pointer down,
 * keyboard focus, click), because Material updates the hash while the reader scrolls.
 *
 * The page also carries absolute hreflang <link rel="alternate"> tags for search engines and link
 * previews (partials/link-preview.html). Material fetches "sitemap.xml" next to every such link when
 * the document is ready, to map pages between languages: with absolute production URLs that is a
 * request to another origin (and a 404 per page), and this script already does the mapping. The links
 * lose their rel until Material has looked for them, on DOMContentLoaded, and get it back right after
 * (a task later: this script runs before the bundle, so its own handler runs before Material's).
 */
(function () {
  "use strict";

  var hidden = Array.prototype.slice.call(
    document.querySelectorAll('link[rel="alternate"][hreflang]')
  );
  hidden.forEach(function (link) {
    link.setAttribute("rel", "");
  });
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () {
      hidden.forEach(function (link) {
        link.setAttribute("rel", "alternate");
      });
    });
  }, { once: true });

  function carryHash(event) {
    var target = event.target;
    var link = target instanceof Element ? target.closest(".md-select a[hreflang]") : null;
    if (!link) {
      return;
    }
    var url = new URL(link.href, location.href);
    url.hash = location.hash;
    link.href = url.href;
  }

  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, carryHash, true);
  });
})();

