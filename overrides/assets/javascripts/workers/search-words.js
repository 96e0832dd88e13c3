/* Search worker: Material's own (named by ?material=), with Chinese queries cut into the index's words.
 *
 * Material cuts each run of Chinese characters in a query into words it finds in the index, but it
 * never tries the run's last character, so a whole word is lost whenever one of its beginnings is
 * also a word: 模型剪枝 is searched as 模型, 知识蒸馏 as 知识. This worker cuts each run itself,
 * longest index word first, and hands Material each word followed by one more character (〇), which
 * Material then drops: 知识蒸馏 is searched as 知识蒸馏.
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

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    collectWords(message.data);
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(message.data);
  }
});

importScripts(new URL(self.location.href).searchParams.get("material"));
