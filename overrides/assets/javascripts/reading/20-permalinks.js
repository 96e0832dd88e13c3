/* 2. The permalink of each block heading and correction note copies itself.
 *
 * The build ends each block heading (## 答案 {#answer}) and each correction note's title with the
 * place's controls (overrides/partials/block-controls.html), the permalink first: the place's one
 * link control. A click (or Enter) copies the address of this page with the anchor, through Material's
 * clipboard integration (data-clipboard-text), which shows its "copied" notice, and the page stays
 * where it is; opened in a new tab, copied from the context menu or without scripts it is the plain
 * link to the place. The build writes the page's permanent address; as the link is used it becomes
 * the address the page was opened at (a copy served elsewhere, a preview).
 */
(function () {
  "use strict";

  function permalinkOf(event) {
    var target = event.target;
    return target instanceof Element ? target.closest(".qa-controls > .headerlink") : null;
  }

  function address(event) {
    var link = permalinkOf(event);
    if (link) {
      link.setAttribute("data-clipboard-text", location.origin + location.pathname + link.getAttribute("href"));
    }
  }

  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, address, true);
  });

  /* Copy (Material's listener does), not go: a plain click or Enter leaves the page where it is. */
  document.addEventListener("click", function (event) {
    var plain = event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
    if (plain && permalinkOf(event)) {
      event.preventDefault();
    }
  });
})();
