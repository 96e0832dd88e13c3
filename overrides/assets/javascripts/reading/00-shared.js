/* LLM Q&A: reading and sharing. One file, so that a page makes one request for it; seven
 * independent parts, each in its own function (3 and 4 remember the reader's choice with qaChoice):
 *   1. the language switch keeps the page and the #anchor;
 *   2. block headings and correction notes get a permalink that copies itself;
 *   3. practice mode hides a section's answer, example and analysis until the reader shows them;
 *   4. the parallel view: its switch, and (4b) the view, built on first use;
 *   5. term hints: a glossary term's counterpart on hover, focus and tap;
 *   6. "cite" buttons on block headings and correction notes: a citation with the permanent URL;
 *   7. "report a problem" links on block headings and correction notes.
 * UI text follows <html lang>.
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

/* The controls at the end of a block heading or a correction note's title (its permalink, part 2, and
 * "cite", part 6, "report a problem", part 7): one span that keeps them on the line of the title's last word
 * (white-space: nowrap, and a word joiner before it, in the site's CSS). */
function qaControls(holder) {
  var controls = holder.querySelector(":scope > .qa-controls");
  if (!controls) {
    controls = document.createElement("span");
    controls.className = "qa-controls";
    holder.appendChild(controls);
  }
  return controls;
}

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

