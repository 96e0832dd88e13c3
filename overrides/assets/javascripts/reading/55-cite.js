/* 6. "Cite" on each block heading and correction note of a section page: a button next to the permalink
 * that copies a plain citation in the page's language, e.g.
 *   LLM 问答，第 3 节「如何处理大规模语言模型的过拟合问题？」，答案。访问日期：2026-12-01。https://…/overfitting/#answer
 *   LLM Q&A, section 3, “Handling Overfitting”, Answer. Accessed 2026-12-01. https://…/en/overfitting/#answer
 * The build writes the button with its citation (hooks/llmqa/pages/controls.py): the site name and the
 * numbered title are the page's own og:site_name and og:title, the address its canonical URL
 * (site_url, also on a copy served elsewhere) with the place's anchor. The URL comes last, so a chat
 * that links it takes nothing else with it. The date is the build's; as the button is used it becomes
 * today's. Copied by Material's clipboard integration (data-clipboard-text), with its "copied"
 * notice, as the permalink is.
 */
(function () {
  "use strict";

  var DATE = /(访问日期：|Accessed )\d{4}-\d{2}-\d{2}/;

  function today() {
    var now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (part) {
      return part < 10 ? "0" + part : String(part);
    }).join("-");
  }

  function dated(event) {
    var target = event.target;
    var button = target instanceof Element ? target.closest(".qa-controls > .qa-cite") : null;
    if (button) {
      var citation = button.getAttribute("data-clipboard-text") || "";
      button.setAttribute("data-clipboard-text", citation.replace(DATE, "$1" + today()));
    }
  }

  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, dated, true);
  });
})();
