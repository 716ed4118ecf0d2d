/* c4kit course: frame players for interactive examples ([data-c4kit-interactive]).
 * Every state is already in the page as a .c4kit-frame whose data-key is the controls'
 * option indexes joined by dots ("0.1"); this shows the one matching the controls and
 * announces its caption. Controls are native (select, checkbox, range): keyboard operable. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function optionIndex(control) {
    if (control.tagName === "SELECT") return control.selectedIndex;
    if (control.type === "checkbox") return control.checked ? 1 : 0;
    return parseInt(control.value, 10) || 0;
  }

  function labels(control) {
    try { return JSON.parse(control.getAttribute("data-labels") || "[]"); } catch (e) { return []; }
  }

  function showState(control, index) {
    var names = labels(control);
    if (!names.length) return;
    var state = control.parentNode.querySelector(".c4kit-state");
    if (state) state.textContent = names[index];
    if (control.type === "range") control.setAttribute("aria-valuetext", names[index]);
  }

  function init(player) {
    var controls = Array.prototype.slice.call(player.querySelectorAll("[data-c4kit-control]"));
    var frames = Array.prototype.slice.call(player.querySelectorAll(".c4kit-frame"));
    var live = player.querySelector(".c4kit-live");

    function update(announce) {
      var key = controls.map(function (control) {
        var index = optionIndex(control);
        showState(control, index);
        return index;
      }).join(".");
      var shown = null;
      frames.forEach(function (frame) {
        var match = frame.getAttribute("data-key") === key;
        frame.hidden = !match;
        if (match) shown = frame;
      });
      player.setAttribute("data-c4kit-frame", key);
      if (announce && live && shown) {
        var caption = shown.querySelector(".c4kit-frame-caption");
        live.textContent = caption ? caption.textContent : "";
      }
    }

    controls.forEach(function (control) {
      control.addEventListener("input", function () { update(true); });
      control.addEventListener("change", function () { update(true); });
    });
    update(false);
  }

  ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-c4kit-interactive]"), init);
  });
})();
