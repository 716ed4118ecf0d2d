/* c4kit course: search over titles and text, in the page, no server.
 * The index is window.C4KIT_SEARCH (static/search-index.js): [{title, url, page, level, text}].
 * Every word typed must occur in an entry; matches in titles rank first.
 * Keyboard: type, ArrowDown/ArrowUp to choose, Enter to follow, Escape to close (combobox pattern). */
(function () {
  "use strict";
  var MAX_RESULTS = 8;

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function prepare(entries) {
    return entries.map(function (e, i) {
      return {
        entry: e, order: i,
        title: (e.title || "").toLowerCase(),
        page: ((e.page || "") + " " + (e.level || "")).toLowerCase(),
        text: (e.text || "").toLowerCase()
      };
    });
  }

  function score(item, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (item.title.indexOf(w) !== -1) total += item.title.indexOf(w) === 0 ? 15 : 10;
      else if (item.page.indexOf(w) !== -1) total += 3;
      else if (item.text.indexOf(w) !== -1) total += 1;
      else return 0;
    }
    return total;
  }

  function search(items, query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return {words: words, hits: []};
    var hits = [];
    items.forEach(function (item) {
      var s = score(item, words);
      if (s > 0) hits.push({item: item, score: s});
    });
    hits.sort(function (a, b) { return b.score - a.score || a.item.order - b.item.order; });
    return {words: words, hits: hits.slice(0, MAX_RESULTS)};
  }

  // A piece of text around the first match, cut at word boundaries.
  function clip(text, start, length) {
    var end = Math.min(text.length, start + length);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + length / 2) end = space;
    }
    if (start > 0) {
      var next = text.indexOf(" ", start);
      if (next !== -1 && next < start + 20) start = next + 1;
    }
    return (start > 0 ? "\u2026" : "") + text.slice(start, end) + (end < text.length ? "\u2026" : "");
  }

  function snippet(item, words) {
    var text = item.entry.text || "";
    var at = -1;
    for (var i = 0; i < words.length && at === -1; i++) at = item.text.indexOf(words[i]);
    return clip(text, Math.max(0, at - 50), 140);
  }

  ready(function () {
    var input = document.getElementById("c4kit-search");
    var list = document.getElementById("c4kit-search-results");
    var status = document.getElementById("c4kit-search-status");
    if (!input || !list) return;
    var items = prepare(window.C4KIT_SEARCH || []);
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }

    function setActive(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      for (var k = 0; k < opts.length; k++) opts[k].setAttribute("aria-selected", k === active ? "true" : "false");
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({block: "nearest"});
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function render() {
      var result = search(items, input.value);
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!result.words.length) { close(); if (status) status.textContent = ""; return; }
      if (!result.hits.length) {
        var none = document.createElement("li");
        none.className = "search-empty";
        none.textContent = "No matches";
        list.appendChild(none);
      }
      result.hits.forEach(function (hit, i) {
        var li = document.createElement("li");
        li.id = "c4kit-result-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var a = document.createElement("a");
        a.href = hit.item.entry.url;
        a.tabIndex = -1;
        var title = document.createElement("span");
        title.className = "search-title";
        title.textContent = hit.item.entry.title;
        var where = document.createElement("span");
        where.className = "search-where";
        where.textContent = hit.item.entry.page === hit.item.entry.title ? hit.item.entry.level : hit.item.entry.page;
        var text = document.createElement("span");
        text.className = "search-snippet";
        text.textContent = snippet(hit.item, result.words);
        a.appendChild(title); a.appendChild(where); a.appendChild(text);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (status) status.textContent = result.hits.length + (result.hits.length === 1 ? " result" : " results");
    }

    function follow() {
      var opts = options();
      var target = opts[active >= 0 ? active : 0];
      var link = target && target.querySelector("a");
      if (link) window.location.href = link.href;
    }

    input.addEventListener("input", render);
    input.addEventListener("focus", function () { if (input.value) render(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) render(); setActive(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
      else if (event.key === "Enter") { event.preventDefault(); follow(); }
      else if (event.key === "Escape") { close(); }
    });
    document.addEventListener("click", function (event) {
      if (!list.contains(event.target) && event.target !== input) close();
    });
  });
})();
