"""A standalone HTML page for one diagram that renders offline, anywhere.

The page carries the pinned Mermaid bundle inline (no CDN, no network: it
opens from a USB stick, an e-mail attachment or a locked-down lab machine) and
the diagram's source in a ``<pre class="mermaid">``.  A small script renders
the source on open; until it does, or when scripts are off, or when Mermaid
rejects the text, the page shows the source itself with a note saying why, so
the reader is never left with a blank page.  No browser is needed to *write*
the page, which is why ``save("x.html")`` works on machines without Chromium.
"""

from __future__ import annotations

import html
import json
import re

from c4kit.assets import mermaid_js, mermaid_version

_STYLE = """
body { margin: 1.5rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; }
.c4kit-diagram svg { max-width: 100%; height: auto; }
.c4kit-note { color: #555; font-size: .9rem; }
.c4kit-error { color: #a4000f; white-space: pre-wrap; font-family: ui-monospace, monospace; }
pre.mermaid { background: #f6f8fa; border: 1px solid #d0d7de; padding: .75rem; overflow-x: auto; }
details > summary { cursor: pointer; color: #555; }
"""

# Renders the <pre> source with Mermaid; textContent gives back exactly the
# text that was escaped into the page.
_BOOT = """
(async () => {
  const pre = document.getElementById('c4kit-source');
  const box = document.getElementById('c4kit-source-box');
  try {
    mermaid.initialize({startOnLoad: false, securityLevel: 'strict', handDrawnSeed: 1, theme: THEME});
    const {svg} = await mermaid.render('c4kit-svg', pre.textContent);
    document.getElementById('c4kit-diagram').innerHTML = svg;
    box.open = false;
  } catch (err) {
    const msg = document.getElementById('c4kit-error');
    msg.textContent = 'Mermaid could not draw this diagram: ' + ((err && (err.message || err.str)) || err);
    msg.hidden = false;
  }
})();
"""


def inline_script(js: str) -> str:
    """Make JavaScript safe to place between ``<script>`` and ``</script>``.

    The HTML parser ends a script at the first ``</script`` and treats
    ``<!--`` specially, wherever they occur (even inside a JS string).  Both
    are rewritten with escapes that mean the same to JavaScript in a string,
    template or regular expression, which is the only place minified code
    holds them.
    """
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return js.replace("<!--", "<\\x21--")


def _js_value(value: object) -> str:
    """A JSON literal that cannot close the surrounding script element."""
    return json.dumps(value).replace("<", "\\u003c")


def standalone_html(text: str, *, title: str = "", theme: str = "default") -> str:
    """The complete page: Mermaid inlined, the source escaped, rendered on open."""
    page_title = html.escape(title.strip() or "Diagram", quote=True)
    source = html.escape(text, quote=False)
    boot = _BOOT.replace("THEME", _js_value(theme))
    return (
        "<!doctype html>\n"
        "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"c4kit with Mermaid {html.escape(mermaid_version())}\">\n"
        f"<title>{page_title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<figure id=\"c4kit-diagram\" class=\"c4kit-diagram\" role=\"img\" aria-label=\"{page_title}\"></figure>\n"
        "<noscript><p class=\"c4kit-note\">Scripts are turned off, so the diagram cannot be drawn. "
        "Below is its Mermaid source.</p></noscript>\n"
        "<p id=\"c4kit-error\" class=\"c4kit-error\" hidden></p>\n"
        "<details id=\"c4kit-source-box\" open><summary>Mermaid source</summary>\n"
        # The parser drops one newline right after <pre>: give it one to drop.
        f"<pre class=\"mermaid\" id=\"c4kit-source\">\n{source}</pre>\n</details>\n"
        f"<script>{inline_script(mermaid_js())}</script>\n"
        f"<script>{boot}</script>\n"
        "</body>\n</html>\n"
    )
