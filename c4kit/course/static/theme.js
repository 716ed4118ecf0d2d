/* c4kit course: light and dark theme.
 * Loaded in <head> (not deferred) so a stored choice applies before the first paint.
 * No choice stored: the system preference rules (prefers-color-scheme, in course.css).
 * The toggle stores an explicit choice; storage failing (some file:// setups) only loses the memory. */
(function () {
  "use strict";
  var KEY = "c4kit-theme";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode or file:// policy */ }
  }
  function systemDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : systemDark();
  }

  var saved = stored();
  if (saved === "light" || saved === "dark") root.setAttribute("data-theme", saved);

  function sync(button) {
    button.setAttribute("aria-pressed", isDark() ? "true" : "false");
  }

  function wire() {
    var button = document.getElementById("c4kit-theme-toggle");
    if (!button) return;
    sync(button);
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      store(next);
      sync(button);
    });
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      var onChange = function () { sync(button); };
      if (query.addEventListener) query.addEventListener("change", onChange);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
