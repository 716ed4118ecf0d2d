/* c4kit course: frame players for interactive examples ([data-c4kit-interactive]).
 * Every state is in the page: the default one as a .c4kit-frame, the others packed in one
 * gzip + base64 block per player (<script type="application/vnd.c4kit.frames+gzip">), unpacked
 * with the browser's DecompressionStream the first time another state is chosen; each frame
 * is inserted when it is first shown. A frame's
 * key is the controls' option indexes joined by dots ("0.1"). This shows the frame matching
 * the controls and announces its caption. Controls are native (select, checkbox, range):
 * keyboard operable. */
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

  function unpack(script) {
    var text = atob(script.textContent.trim());
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  var MARKED = /<!--c4kit-frame:([\d.]+)-->([\s\S]*?)<!--\/c4kit-frame-->/g;

  function init(player) {
    var controls = Array.prototype.slice.call(player.querySelectorAll("[data-c4kit-control]"));
    var live = player.querySelector(".c4kit-live");
    var packed = player.querySelector("script.c4kit-packed-frames");
    var unpacked = null;  // key -> frame HTML, once the block is unpacked
    var unpacking = false;

    function frameFor(key) {
      return player.querySelector('.c4kit-frame[data-key="' + key + '"]');
    }

    function notice(text) {
      var box = player.querySelector(".c4kit-player-notice");
      if (!box) {
        if (!text) return;
        box = document.createElement("p");
        box.className = "c4kit-player-notice";
        box.setAttribute("role", "status");
        player.insertBefore(box, player.querySelector(".c4kit-frame"));
      }
      box.textContent = text;
      box.hidden = !text;
    }

    function insert(key) {
      var html = unpacked && unpacked[key];
      if (!html) return null;
      var holder = document.createElement("template");
      holder.innerHTML = html;
      var frames = player.querySelectorAll(".c4kit-frame");
      var last = frames[frames.length - 1];
      last.parentNode.insertBefore(holder.content, last.nextSibling);
      delete unpacked[key];
      return frameFor(key);
    }

    function load(announce) {
      if (!packed || unpacking) return;
      if (typeof DecompressionStream === "undefined") {
        notice("This browser cannot unpack the other states of this example (it has no DecompressionStream). " +
               "A current Chrome, Edge, Firefox or Safari can; so can the notebook in JupyterLab.");
        return;
      }
      unpacking = true;
      player.setAttribute("aria-busy", "true");
      unpack(packed).then(function (text) {
        unpacked = {};
        text.replace(MARKED, function (whole, key, html) { unpacked[key] = html; return ""; });
        packed.parentNode.removeChild(packed);
        packed = null;
        unpacking = false;
        player.removeAttribute("aria-busy");
        update(announce);
      }, function () {
        unpacking = false;
        player.removeAttribute("aria-busy");
        notice("The other states of this example could not be unpacked; the page may be damaged. Rebuild the course.");
      });
    }

    function update(announce) {
      var key = controls.map(function (control) {
        var index = optionIndex(control);
        showState(control, index);
        return index;
      }).join(".");
      var shown = frameFor(key) || insert(key);
      if (!shown) { load(announce); return; }  // the frame on screen stays until the states are unpacked
      notice("");
      Array.prototype.forEach.call(player.querySelectorAll(".c4kit-frame"), function (frame) {
        frame.hidden = frame !== shown;
      });
      player.setAttribute("data-c4kit-frame", key);
      if (announce && live) {
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
