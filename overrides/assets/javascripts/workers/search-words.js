/* Search worker: Material's own (named by ?material=), with the search index fetched here and Chinese
 * queries cut into the index's words.
 *
 * The index. Material's bundle fetches search/search_index.json and sends it in its first message
 * (SETUP). That file holds the search settings only, with `documents`: where the entries are, from
 * the site root (hooks/search_index_hook.py). This worker fetches them and loads Material's worker,
 * then hands it the settings with the entries. Material's worker says it is ready once it has built
 * its index, and only then does the page send queries. The worker itself starts on first use of the
 * search box (assets/javascripts/search-on-demand.js).
 *
 * Chinese queries. Material cuts each run of Chinese characters in a query into words it finds in the
 * index, but it never tries the run's last character, so a whole word is lost whenever one of its
 * beginnings is also a word: 模型剪枝 is searched as 模型, 知识蒸馏 as 知识. This worker cuts each run
 * itself, longest index word first, and hands Material each word followed by one more character (〇),
 * which Material then drops: 知识蒸馏 is searched as 知识蒸馏.
 *
 * overrides/main.html points Material's configuration at this file; it reads the messages before
 * Material's worker does (its listener is registered first) and leaves everything else to it.
 */
"use strict";

var SETUP = 0;
var QUERY = 2;
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
