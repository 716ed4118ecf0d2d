"""HTML for front ends that do not draw ``text/vnd.mermaid`` themselves.

Everything here works offline.  A diagram's HTML always starts as its Mermaid
source in a readable ``<pre>`` plus a one-line note, so that it still says
something where scripts never run (an untrusted notebook, GitHub's viewer, a
sanitising exporter).  A small loader script then draws it with
``window.mermaid`` when that is loaded: either by an earlier output of this
session (the "html" renderer embeds the pinned bundle once) or by this one.

The source goes into the page only as escaped text and is read back with
``textContent``, so nothing in a label (``<script>``, ``</pre>``, quotes,
``&``) can break out of its element or run.
"""

from __future__ import annotations

import base64
import html
import json
import re

from c4kit.errors import C4Error

#: The one line shown under the source until (and unless) Mermaid draws it.
NOT_DRAWN_NOTE = (
    'Mermaid source, not drawn here. To draw it offline: run c4kit.renderers.enable("html"), then re-run this cell.'
)

_CODE_FONT = "var(--jp-code-font-family, var(--vscode-editor-font-family, ui-monospace, monospace))"
_CODE_BG = "var(--jp-layout-color2, var(--vscode-textCodeBlock-background, rgba(127,127,127,.08)))"
_MUTED = "var(--jp-ui-font-color2, var(--vscode-descriptionForeground, #666))"
_PRE_STYLE = (
    f"font-family:{_CODE_FONT};font-size:12px;line-height:1.45;background:{_CODE_BG};"
    "padding:8px 10px;margin:4px 0;border-radius:4px;white-space:pre;overflow:auto;max-height:32em"
)

# Draws every pending diagram next to this script once window.mermaid exists.
# `embedded` is true only in the output that carried the Mermaid bundle: it
# announces the bundle so that outputs rendered before it (VS Code may render
# a reopened notebook's outputs in any order) draw themselves too.
_LOADER_JS = """(function (embedded) {
  var script = document.currentScript;
  var root = (script && script.parentNode) || document;
  function theme() {
    var b = document.body;
    if (b && (b.classList.contains('vscode-dark') || b.classList.contains('vscode-high-contrast') ||
              b.getAttribute('data-jp-theme-light') === 'false')) { return 'dark'; }
    return 'default';
  }
  function draw() {
    var m = window.mermaid;
    if (!m) { return false; }
    if (!window.__c4kitMermaidReady) {
      m.initialize({startOnLoad: false, securityLevel: 'strict', theme: theme()});
      window.__c4kitMermaidReady = true;
    }
    root.querySelectorAll('.c4kit-mermaid[data-c4kit-state="pending"]').forEach(function (box) {
      box.setAttribute('data-c4kit-state', 'drawing');
      var source = box.querySelector('.c4kit-mermaid-source');
      var note = box.querySelector('.c4kit-mermaid-note');
      var id = 'c4kit-mmd-' + (window.__c4kitSeq = (window.__c4kitSeq || 0) + 1);
      m.render(id, source.textContent).then(function (out) {
        var figure = document.createElement('div');
        figure.className = 'c4kit-mermaid-svg';
        figure.innerHTML = out.svg;
        source.style.display = 'none';
        if (note) { note.style.display = 'none'; }
        box.insertBefore(figure, box.firstChild);
        box.setAttribute('data-c4kit-state', 'done');
      }, function (err) {
        var stray = document.getElementById('d' + id);
        if (stray) { stray.remove(); }
        if (note) {
          note.style.whiteSpace = 'pre-wrap';
          note.textContent = 'Mermaid could not draw this diagram: ' + ((err && err.message) || err);
        }
        box.setAttribute('data-c4kit-state', 'error');
      });
    });
    return true;
  }
  if (draw()) {
    if (embedded) { window.dispatchEvent(new Event('c4kit-mermaid-ready')); }
  } else {
    window.addEventListener('c4kit-mermaid-ready', draw);
  }
})(%s);"""

_SCRIPT_TAG = re.compile(r"<(/?)script", re.IGNORECASE)


def escape(text: str) -> str:
    """Text as HTML character data or attribute value (quotes included)."""
    return html.escape(text, quote=True)


def inline_script(js: str) -> str:
    """``js`` as an inline ``<script>`` element that cannot end early.

    Only ``<script`` or ``</script`` inside the code can upset the HTML parser
    in a script element.  The pinned Mermaid has neither, so it is inlined as
    is; code that has one is carried base64-encoded and run with an indirect
    ``eval`` (global scope, like a classic script).
    """
    if not _SCRIPT_TAG.search(js):
        return f"<script>{js}</script>"
    payload = base64.b64encode(js.encode("utf-8")).decode("ascii")
    return (
        "<script>(0, eval)(new TextDecoder().decode(Uint8Array.from(atob("
        + json.dumps(payload)
        + "), function (c) { return c.charCodeAt(0); })));</script>"
    )


def loader_script(*, embedded: bool) -> str:
    """The small script that draws this output's diagram with ``window.mermaid``."""
    return inline_script(_LOADER_JS % ("true" if embedded else "false"))


def diagram_html(text: str, *, title: str = "", mermaid_js: str | None = None, note: str = NOT_DRAWN_NOTE) -> str:
    """One diagram as HTML: escaped source and note, then the scripts that draw it.

    ``mermaid_js`` is the Mermaid bundle to embed in this output (the first
    output of a session), or ``None`` to rely on one loaded earlier.
    """
    label = escape(title or "Mermaid diagram")
    parts = [
        '<div class="c4kit-output">',
        f'<div class="c4kit-mermaid" data-c4kit-state="pending" role="figure" aria-label="{label}">',
        f'<pre class="c4kit-mermaid-source" style="{_PRE_STYLE}">{escape(text)}</pre>',
        f'<div class="c4kit-mermaid-note" style="font-size:12px;color:{_MUTED}">{escape(note)}</div>',
        "</div>",
    ]
    if mermaid_js is not None:
        parts.append(inline_script(mermaid_js))
    parts.append(loader_script(embedded=mermaid_js is not None))
    parts.append("</div>")
    return "".join(parts)


def numbered_source_html(text: str) -> str:
    """Source lines with line numbers that copying leaves out (linter findings cite lines)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    width = len(str(max(len(lines), 1)))
    number_style = f"user-select:none;-webkit-user-select:none;color:{_MUTED};opacity:.7;padding-right:1em"
    rows = [
        f'<span class="c4kit-ln" style="{number_style}">{n:>{width}}</span>{escape(line)}'
        for n, line in enumerate(lines, start=1)
    ]
    return f'<pre class="c4kit-source" style="{_PRE_STYLE}">' + "\n".join(rows) + "</pre>"


def source_details_html(text: str, *, summary: str = "", open_: bool = False) -> str:
    """A collapsible block with the numbered Mermaid source."""
    lines = len(text.rstrip("\n").split("\n")) if text.strip() else 0
    summary = summary or f"Mermaid source ({lines} line{'s' if lines != 1 else ''})"
    return (
        f'<details class="c4kit-source-details"{" open" if open_ else ""} style="margin:2px 0 6px 0">'
        f'<summary style="cursor:pointer;font-size:12px;color:{_MUTED}">{escape(summary)}</summary>'
        f"{numbered_source_html(text)}</details>"
    )


def error_html(error: C4Error, *, source: str | None = None) -> str:
    """A C4Error as a calm notice: what, where (for syntax errors), how to fix it."""
    name = escape(type(error).__name__)
    detail = str(error)
    if error.hint and detail.endswith(error.hint):
        # The hint gets its own line below; keep the rest (location, caret) as is.
        detail = detail[: -len(error.hint)].rstrip().removesuffix("hint:").rstrip()
    body = [
        '<div class="c4kit-error" role="alert" style="border-left:4px solid #DE8F05;padding:6px 10px;'
        f'margin:4px 0;background:{_CODE_BG}">',
        f"<div><strong>{name}</strong></div>",
        f'<pre style="{_PRE_STYLE};background:none;padding:2px 0;max-height:none">{escape(detail)}</pre>',
    ]
    if error.hint:
        body.append(f"<div><em>How to fix it:</em> {escape(error.hint)}</div>")
    body.append("</div>")
    if source:
        body.append(source_details_html(source, summary="Mermaid source that was being shown"))
    return "".join(body)
