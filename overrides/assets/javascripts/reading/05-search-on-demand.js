/* 0. Search on demand: Material's search worker and the search index load when the reader first uses
 * the search box, not with every page.
 *
 * Material's bundle starts its search worker and hands it the search index as the page loads. This
 * part runs before the bundle (reading.js is loaded just before it, overrides/main.html) and gives it
 * a stand-in for the search worker: messages to it wait, and the real worker
 * (assets/javascripts/workers/search-words.js, which runs Material's) starts on first use of the
 * search box: its focus (Material focuses it for the "/",
 * "s" and "f" keys and for a ?q= link too) or a press on the search icon.
 *
 * The index Material fetches at load, search/search_index.json, holds the search settings only (its
 * highlighting of search words on a page opened from a result needs nothing else); the worker fetches
 * the entries when it starts (hooks/search_index_hook.py writes both files).
 */
(function () {
  "use strict";

  var NativeWorker = window.Worker;
  var config = document.getElementById("__config");
  if (typeof NativeWorker !== "function" || typeof EventTarget !== "function" || !config) {
    return;
  }
  var settings;
  try {
    settings = JSON.parse(config.textContent);
  } catch (error) {
    return;
  }
  if (typeof settings.search !== "string") {
    return;
  }
  var workerUrl = new URL(settings.search, location.href).href;

  var started = false;
  var waiting = [];

  function start() {
    if (started) {
      return;
    }
    started = true;
    waiting.forEach(function (run) {
      run();
    });
    waiting = [];
  }

  /* What Material's bundle uses of a worker: postMessage and "message" events. */
  function standIn(url, options) {
    var target = new EventTarget();
    var queue = [];
    var worker = null;
    target.postMessage = function (message) {
      if (worker) {
        worker.postMessage(message);
      } else {
        queue.push(message);
      }
    };
    target.terminate = function () {
      if (worker) {
        worker.terminate();
      }
      queue = [];
    };
    waiting.push(function () {
      worker = new NativeWorker(url, options);
      worker.addEventListener("message", function (event) {
        target.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.forEach(function (message) {
        worker.postMessage(message);
      });
      queue = [];
    });
    return target;
  }

  window.Worker = function (url, options) {
    if (started || new URL(url, location.href).href !== workerUrl) {
      return new NativeWorker(url, options);
    }
    return standIn(url, options);
  };
  window.Worker.prototype = NativeWorker.prototype;

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches(".md-search__input")) {
      start();
    }
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (event.target instanceof Element && event.target.closest('label[for="__search"]')) {
      start();
    }
  }, true);
})();
