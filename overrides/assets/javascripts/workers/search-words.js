/* Search worker: Material's own (named by ?material=), with the search index fetched here and Chinese
 * queries cut into the index's words.
 *
 * The index. Material's bundle fetches search/search_index.json and sends it in its first message
 * (SETUP). That file holds the search settings only, with `documents`: where the entries are, from
 * the site root (hooks/search_index_hook.py). This worker fetches them and loads Material's worker,
 * then hands it the settings with the entries. Material's worker says it is ready once it has built
 * its index, and only then does the page send queries. The worker itself starts on first use of the
 * search box (assets/javascripts/reading.js, part 0).
 *
 * Chinese queries. Material cuts each run of Chinese characters in a query into words it finds in the
 * index, but it never tries the run's last character, so a whole word is lost whenever one of its
 * beginnings is also a word: 模型剪枝 is searched as 模型, 知识蒸馏 as 知识. This worker cuts each run
 * itself, longest index word first, and hands Material each word followed by one more character (〇),
 * which Material then drops: 知识蒸馏 is searched as 知识蒸馏.
 *
 * Ranking. Material lists pages in the order of their best-scoring entry. Its score favours a word in
 * a title so much that a page titled with a common word ("… learning") comes before the page about
 * the query's topic. Before the results reach the page, this worker puts first the pages that match
 * every word of the query (in any of their entries), then those whose title is the query with the
 * fewest other words, then keeps Material's order. Pages that only list the others (the home page,
 * glossary, topic index, translation status) get a low score in the index (hooks/search_index_hook.py).
 *
 * Results as shown. Material's Chinese segmentation writes a zero-width space (U+200B) between the
 * words of the index's titles and texts: search needs it, a reader who copies a result does not, so
 * it is dropped from what Material renders. A result's text is a whole block of its page (an answer
 * can be a list with its correction notes), which filled the dropdown: it becomes a preview, one
 * paragraph from a little before the first highlighted word, which the page shows on at most three
 * lines (.qa-preview, overrides/assets/stylesheets/site/20-reading.css). Both change only the results that
 * reach the page, after Material has matched and highlighted the query on the index as it is.
 *
 * overrides/main.html points Material's configuration at this file; it reads the messages before
 * Material's worker does (its listener is registered first) and leaves everything else to it.
 */
"use strict";

var SETUP = 0;
var QUERY = 2;
var RESULT = 3;
var SENTINEL = "\u3007";
var HAN_RUN = /\p{Script=Han}+/gu;
var TAG = /<[^>]+>/g;

var words = new Set();
var longest = 0;

function collectWords(data) {
  var separator = new RegExp(data.config.separator, "g");
  var fields = Object.keys(data.config.fields);
  data.docs.forEach(function (doc) {
    fields.forEach(function (field) {
      var value = doc[field];
      if (typeof value !== "string") {
        return;
      }
      value.replace(TAG, " ").split(separator).forEach(function (word) {
        if (word && /^\p{Script=Han}+$/u.test(word)) {
          words.add(word);
          longest = Math.max(longest, word.length);
        }
      });
    });
  });
}

/* Longest index word at each position; characters that start no word are kept together. */
function cut(run) {
  var parts = [];
  var unknown = "";
  for (var i = 0; i < run.length;) {
    var length = Math.min(longest, run.length - i);
    while (length > 0 && !words.has(run.slice(i, i + length))) {
      length--;
    }
    if (length === 0) {
      unknown += run[i];
      i++;
      continue;
    }
    if (unknown) {
      parts.push(unknown);
      unknown = "";
    }
    parts.push(run.slice(i, i + length) + SENTINEL);
    i += length;
  }
  if (unknown) {
    parts.push(unknown);
  }
  return parts.join(" ");
}

function rewrite(query) {
  return words.size ? query.replace(HAN_RUN, cut) : query;
}

function plain(text) {
  return String(text || "").replace(TAG, "").replace(/[\u200b\u3007*]/g, "").toLowerCase();
}

/* Of the query's terms, how many some entry of the page matches, and how much of the page's title
 * the query's terms make up when the title holds them all (1: the title is the query). */
function pageRank(group) {
  var matched = new Set();
  var wanted = new Set();
  group.forEach(function (entry) {
    Object.keys(entry.terms || {}).forEach(function (term) {
      var key = plain(term);
      wanted.add(key);
      if (entry.terms[term]) {
        matched.add(key);
      }
    });
  });
  var page = group.find(function (entry) {
    return entry.location.indexOf("#") < 0;
  }) || group[0];
  var title = plain(page.title).replace(/\s+/g, " ").trim();
  var letters = 0;
  var inTitle = Array.from(wanted).every(function (term) {
    letters += term.length;
    return title.indexOf(term) >= 0;
  });
  return {
    matched: matched.size,
    title: inTitle && title ? letters / title.replace(/ /g, "").length : 0,
  };
}

function reranked(items) {
  return items
    .map(function (group, order) {
      return { group: group, order: order, rank: pageRank(group) };
    })
    .sort(function (a, b) {
      return b.rank.matched - a.rank.matched || b.rank.title - a.rank.title || a.order - b.order;
    })
    .map(function (ranked) {
      return ranked.group;
    });
}

var INVISIBLE = /[\u200b\u2060\ufeff]/g;
var BLOCK_TAG = /<\/?(?:p|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|th|td|caption|div|h[1-6]|blockquote|pre|br|hr|figure|figcaption|details|summary)\b[^>]*>/gi;
var OTHER_TAG = /<(?!\/?mark\b)[^>]*>/gi;
/* A preview's pieces: a <mark> tag, a character reference, or one character (a code point). */
var PIECE = /<[^>]*>|&(?:#\d+|#x[\da-f]+|\w+);|[\s\S]/giu;
var CLAUSE_END = /^[\n，。、；：！？）」』,.;:!?)]$/;
var PREVIEW_BEFORE = 30;  /* characters shown before the first highlighted word, at most */
var PREVIEW_LENGTH = 300;  /* characters in a preview, at most (the page shows three lines of it) */

function shown(text) {
  return String(text || "").replace(INVISIBLE, "");
}

/* One paragraph of the text, with its highlighted words (<mark>) and nothing else of its markup,
 * from a little before the first highlighted word (where a block or clause ends, else where a word
 * starts, if there is one in between), cut to about PREVIEW_LENGTH characters (not in the middle of a
 * word); "…" says where the text goes on. */
function preview(html) {
  var flat = shown(html)
    .replace(BLOCK_TAG, "\n")
    .replace(OTHER_TAG, "")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n\s*/g, "\n")
    .trim();
  var pieces = flat.match(PIECE) || [];
  if (!pieces.length) {
    return "";
  }
  var isTag = function (piece) {
    return piece.length > 1 && piece[0] === "<";
  };
  var first = pieces.findIndex(function (piece) {
    return /^<mark\b/i.test(piece);
  });
  var start = 0;
  if (first > 0) {
    var before = 0;
    start = first;
    while (start > 0 && before < PREVIEW_BEFORE) {
      start--;
      before += isTag(pieces[start]) ? 0 : 1;
    }
    var clause = -1;
    var word = -1;
    for (var at = start; start > 0 && at < first; at++) {
      if (CLAUSE_END.test(pieces[at])) {
        clause = at;  /* the last one */
      } else if (word < 0 && pieces[at] === " ") {
        word = at;  /* the first one */
      }
    }
    if (clause >= 0 || word >= 0) {
      start = (clause >= 0 ? clause : word) + 1;
    }
  }
  var out = [];
  var length = 0;
  var end = start;
  for (; end < pieces.length && length < PREVIEW_LENGTH; end++) {
    length += isTag(pieces[end]) ? 0 : 1;
    out.push(pieces[end]);
  }
  var cut = end < pieces.length;
  if (cut && /\w/.test(pieces[end])) {
    var space = out.lastIndexOf(" ");
    if (space > out.length - 20) {
      out.length = space;  /* not in the middle of a word */
    }
  }
  var tags = out.filter(isTag);
  if (tags.length && tags[tags.length - 1][1] !== "/") {
    out.push("</mark>");
  }
  /* Where a block ends without a full stop (a note's title, a list item), a middle dot. */
  var text = out
    .join("")
    .trim()
    .replace(/([。！？；：」』）])\n/g, "$1")
    .replace(/([.!?;:])\n/g, "$1 ")
    .replace(/\n/g, " · ");
  return '<p class="qa-preview">' + (start > 0 ? "…" : "") + text + (cut ? "…" : "") + "</p>";
}

function asShown(items) {
  items.forEach(function (group) {
    group.forEach(function (entry) {
      entry.title = shown(entry.title);
      if (typeof entry.text === "string") {
        entry.text = preview(entry.text);
      }
    });
  });
  return items;
}

var post = self.postMessage.bind(self);
self.postMessage = function (message) {
  if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
    message.data.items = asShown(reranked(message.data.items));
  }
  post.apply(self, arguments);
};

/* The site root, from this file's address: <root>/assets/javascripts/workers/search-words.js. */
var ROOT = new URL("../../../", self.location.href);
var MATERIAL = new URL(self.location.href).searchParams.get("material");
var loading = false;

function setUp(settings) {
  loading = true;
  var entries = fetch(new URL(settings.config.documents, ROOT)).then(function (response) {
    if (!response.ok) {
      throw new Error("search index: HTTP " + response.status + " for " + response.url);
    }
    return response.json();
  });
  importScripts(MATERIAL);
  entries.then(function (index) {
    collectWords(index);
    var data = { config: index.config, docs: index.docs, options: settings.options };
    self.dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: data } }));
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP && !loading) {
    event.stopImmediatePropagation();
    setUp(message.data);
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(message.data);
  }
});
