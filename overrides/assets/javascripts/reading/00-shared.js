/* LLM Q&A: reading and sharing. One file, so that a page makes one request for it, loaded just before
 * Material's bundle (overrides/main.html); eight independent parts, each in its own function (3 and 4
 * remember the reader's choice with qaChoice):
 *   0. search on demand: the search worker starts on first use of the search box;
 *   1. the language switch keeps the page and the #anchor;
 *   2. the permalink of each block heading and correction note copies itself;
 *   3. practice mode hides a section's answer, example and analysis until the reader shows them;
 *   4. the parallel view: its switch, and (4b) the view, built on first use;
 *   5. term hints: a glossary term's counterpart on hover, focus and tap;
 *   6. "cite" buttons on block headings and correction notes: a citation with the permanent URL.
 * The build writes the controls into the page (the practice bar, each block's button and wrappers, each
 * place's permalink, "cite" and "report a problem": overrides/partials/practice-controls.html,
 * block-controls.html); the parts wire their events. UI text follows <html lang>.
 */

/* A reader's on/off choice (practice mode, the parallel view), remembered for every page and both
 * languages. Where storage is disabled, a choice lasts for the page it was made on. */
var qaChoice = {
  on: function (key) {
    try {
      return localStorage.getItem(key) === "on";
    } catch (error) {
      return false;
    }
  },
  set: function (key, on) {
    try {
      if (on) {
        localStorage.setItem(key, "on");
      } else {
        localStorage.removeItem(key);
      }
    } catch (error) {
      /* storage disabled */
    }
  }
};

/* What ends a block's content: the next heading, or the end of the page's own content. */
var QA_BLOCK_END = "h1, h2, .qa-related, .md-source-file, .md-feedback, [data-md-component]";

/* An element's own text, without that of its children (a heading without its permalink). */
function qaOwnText(element) {
  var text = "";
  element.childNodes.forEach(function (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      text += node.textContent;
    }
  });
  return text.trim();
}

