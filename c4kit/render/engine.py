"""Real Mermaid in headless Chromium, one browser for many diagrams.

Starting a browser costs about a second; rendering one diagram in a page that
already has Mermaid loaded costs tens of milliseconds.  So the engine starts
Chromium once per process, loads the pinned Mermaid bundle into one page, and
renders every diagram it is given in that page (``render_many``).  That is why
a whole course validates in seconds where one ``mmdc`` process per diagram
takes minutes (see ``benchmarks/RESULTS.md``).

Playwright's synchronous API refuses to run inside an asyncio event loop, and
a Jupyter kernel always has one.  The engine therefore owns a single worker
thread; every browser call runs there, and callers (notebook cells, the CLI,
tests) just wait for the result.

One ``page.evaluate`` renders a whole batch: each round trip between Python
and the page costs about a millisecond, so a batch never pays one per diagram
unless it asks for per-diagram work that only Python can do (a screenshot).
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from c4kit.assets import mermaid_js
from c4kit.errors import RenderError
from c4kit.render.browser import LAUNCH_ARGS, require_chromium

T = TypeVar("T")

LINT_HINT = "run c4kit.lint_text(text) (or `c4kit lint FILE`) to see what to fix"

#: A second page only pays for itself with this many diagrams each (loading Mermaid into it costs ~0.5 s).
MIN_DIAGRAMS_PER_PAGE = 24


def default_pages() -> int:
    """How many pages render a large batch in parallel: one per core, at most 4 (``C4KIT_RENDER_PAGES`` overrides).

    Mermaid's layout is single-threaded JavaScript; each page runs in its own
    renderer process, so pages render on separate cores at once (1.6x faster
    with 2 pages on a 2-core machine, see ``benchmarks/RESULTS.md``).
    """
    configured = os.environ.get("C4KIT_RENDER_PAGES", "")
    if configured.strip().isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(os.cpu_count() or 1, 4))

_PAGE_HTML = (
    "<!doctype html><html><head><meta charset='utf-8'><title>c4kit renderer</title>"
    "<style>body{margin:0;background:white}.c4kit-item{display:block;width:max-content;padding:0;margin:0}"
    ".c4kit-item>svg{display:block}</style></head>"
    "<body><div id='stage'></div></body></html>"
)

# Installed once per page, after Mermaid.  ``renderAll`` renders a batch in
# order.  Only when asked does it put each SVG into the document (``place``):
# to serialise it as well-formed XML, to run a probe on the laid-out drawing
# (overlap measurement), or to leave it there for a screenshot.  A placed SVG
# is shown at its natural size (Mermaid's own output says ``width="100%"``), so
# one CSS pixel is one unit of the diagram's coordinates.
_PAGE_JS = r"""
// Mermaid's C4 layout wraps rows at the screen's width (screen.availWidth), so
// the same text would draw differently on another monitor, or after a
// screenshot changed the emulated metrics.  Pin it: same text, same drawing.
for (const [key, value] of Object.entries(__SCREEN__)) {
  Object.defineProperty(window.screen, key, {get: () => value, configurable: true});
}
window.c4kit = {
  naturalSize(svg) {
    const vb = svg.viewBox && svg.viewBox.baseVal;
    if (vb && vb.width > 0 && vb.height > 0) {
      svg.setAttribute('width', vb.width);
      svg.setAttribute('height', vb.height);
      svg.style.maxWidth = 'none';
    }
  },
  clear() { document.getElementById('stage').replaceChildren(); },
  probeAll({svgs, probe}) {
    const stage = document.getElementById('stage');
    const probeFn = (0, eval)('(' + probe + ')');
    return svgs.map((markup) => {
      const item = document.createElement('div');
      item.className = 'c4kit-item';
      item.innerHTML = markup;
      stage.appendChild(item);
      const svg = item.querySelector('svg');
      let out = null;
      if (svg === null) out = {error: 'no <svg> element in the markup'};
      else {
        this.naturalSize(svg);
        try { out = probeFn(svg); } catch (e) { out = {error: String(e)}; }
      }
      item.remove();
      return out;
    });
  },
  async renderAll({texts, ids, config, xml, probe, keep}) {
    // handDrawnSeed: Mermaid draws some shapes with rough.js, which is random unless seeded.
    mermaid.initialize(Object.assign({startOnLoad: false, securityLevel: 'strict', handDrawnSeed: 1}, config));
    const stage = document.getElementById('stage');
    stage.replaceChildren();
    const probeFn = probe ? (0, eval)('(' + probe + ')') : null;
    const place = xml || keep || probeFn !== null;
    const out = [];
    for (let i = 0; i < texts.length; i++) {
      const id = ids[i];
      const t0 = performance.now();
      const r = {svg: null, error: null, ms: 0, probe: null, box: null};
      try {
        r.svg = (await mermaid.render(id, texts[i])).svg;
        // Mermaid's C4 database never clears the accessible title and description,
        // so a C4 diagram inherits the <title>/<desc> of the diagram drawn before it.
        if (/^\s*C4\w+/m.test(texts[i])) {
          if (!/^\s*accDescr/m.test(texts[i])) {
            r.svg = r.svg.replace(/<desc\b[^>]*>[\s\S]*?<\/desc>/, '').replace(/\saria-describedby="[^"]*"/, '');
          }
          if (!/^\s*accTitle/m.test(texts[i])) {
            r.svg = r.svg.replace(/<title\b[^>]*>[\s\S]*?<\/title>/, '').replace(/\saria-labelledby="[^"]*"/, '');
          }
        }
      } catch (e) {
        r.error = String((e && (e.message || e.str)) || e);
      }
      r.ms = performance.now() - t0;
      // Mermaid leaves its scratch element behind when it fails.
      for (const stray of document.querySelectorAll('#d' + id + ', #' + id)) stray.remove();
      if (r.svg !== null && place) {
        const item = document.createElement('div');
        item.className = 'c4kit-item';
        item.innerHTML = r.svg;
        stage.appendChild(item);
        const svg = item.querySelector('svg');
        if (xml) r.svg = new XMLSerializer().serializeToString(svg);
        this.naturalSize(svg);
        if (probeFn) {
          try { r.probe = probeFn(svg); } catch (e) { r.probe = {error: String(e)}; }
        }
        if (keep) {
          const b = svg.getBoundingClientRect();
          r.box = {x: b.left + window.scrollX, y: b.top + window.scrollY, width: b.width, height: b.height};
        } else {
          item.remove();
        }
      }
      out.push(r);
    }
    return out;
  },
};
"""


#: The screen Mermaid sees (a common desktop monitor); see the comment in the page script.
SCREEN = {"width": 1920, "height": 1080, "availWidth": 1920, "availHeight": 1080}
_PAGE_JS = _PAGE_JS.replace("__SCREEN__", json.dumps(SCREEN))


def diagram_id(text: str, theme: str) -> str:
    """A stable SVG id for a diagram: same text and theme, same bytes out.

    Mermaid prefixes every id and CSS rule inside the SVG with it, so it must
    be unique per drawing on a page (two notebook outputs) yet deterministic
    for files and regression tests.  A short content hash is both.
    """
    digest = hashlib.sha1(f"{theme}\0{text}".encode()).hexdigest()[:12]
    return f"c4kit-{digest}"


@dataclass(frozen=True)
class RenderResult:
    """The outcome for one diagram: an SVG, or the error Mermaid raised."""

    svg: str | None
    error: str | None
    #: Time Mermaid spent on this diagram inside the page (parse + layout + SVG).
    ms: float = 0.0
    #: What optional steps produced: ``"probe"`` (a measurement), ``"png"`` (bytes).
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.svg is not None

    def raise_for_error(self, source: str = "") -> None:
        """Raise :class:`RenderError` with Mermaid's message when rendering failed."""
        if self.svg is None:
            where = f"{source}: " if source else ""
            raise RenderError(f"{where}Mermaid could not render this diagram: {self.error}", hint=LINT_HINT)


class Engine:
    """One headless Chromium with a page that has Mermaid loaded (more pages for big batches).

    Use the process-wide instance from :func:`get_engine`; create your own only
    to isolate a test.  All public methods are thread-safe and may be called
    from inside a running event loop.
    """

    def __init__(self, *, executable: str | None = None, pages: int | None = None) -> None:
        self._executable = executable
        self._max_pages = pages if pages and pages > 0 else default_pages()
        self._extra_pages: list[Any] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="c4kit-render")
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self._cdp: Any = None
        self._crashed: set[int] = set()  # ids of pages whose renderer process died
        self._closed = False
        #: How many times a browser was started (stays 1 for a healthy engine).
        self.launches = 0

    # ------------------------------------------------------------ plumbing
    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the browser thread and return its result."""
        if self._closed:
            raise RenderError("the render engine was closed", hint="call c4kit.render.get_engine() for a new one")
        try:
            return self._pool.submit(fn, *args).result()
        except Exception as err:
            if not type(err).__module__.startswith("playwright"):
                raise
            # A crashed page or browser: say so plainly; the next call starts afresh.
            raise RenderError(f"the headless browser failed: {str(err).splitlines()[0]}",
                              hint="run it again; if it keeps failing, check `python -m c4kit.render.browser`"
                              ) from err

    def _start(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            return
        executable = self._executable or require_chromium()
        from playwright.sync_api import sync_playwright

        if self._playwright is None:
            self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
        except Exception as err:
            self._playwright.stop()
            self._playwright = None
            raise RenderError(f"could not start Chromium at {executable}: {err}",
                              hint="check that the browser runs headless, or set C4KIT_CHROMIUM") from None
        self.launches += 1
        self._page = None

    def new_page_on_thread(self) -> Any:
        """A fresh page with Mermaid and the batch renderer loaded (browser thread only)."""
        self._start()
        page = self._browser.new_page(viewport={"width": 1280, "height": 720})
        # Nothing the renderer does may touch the network: refuse every request.
        page.route("**/*", lambda route: route.abort())
        page.on("crash", lambda crashed: self._crashed.add(id(crashed)))
        page.set_content(_PAGE_HTML)
        page.add_script_tag(content=mermaid_js())
        page.add_script_tag(content=_PAGE_JS)
        return page

    @property
    def page(self) -> Any:
        """The shared page (browser thread only); starts the browser on first use.

        A page that crashed or was closed is replaced, so one bad diagram
        cannot break every later render in a long notebook session.
        """
        if not self._usable(self._page) or not self._browser.is_connected():
            self._start()
            self._page = self.new_page_on_thread()
            self._cdp = None
            self._extra_pages = []
        return self._page

    def _usable(self, page: Any) -> bool:
        return page is not None and not page.is_closed() and id(page) not in self._crashed

    def _pages_for(self, count: int) -> list[Any]:
        """The pages a batch of ``count`` diagrams is spread over (browser thread only)."""
        wanted = max(1, min(self._max_pages, count // MIN_DIAGRAMS_PER_PAGE))
        pages = [self.page]
        self._extra_pages = [p for p in self._extra_pages if self._usable(p)]
        while len(self._extra_pages) < wanted - 1:
            self._extra_pages.append(self.new_page_on_thread())
        return pages + self._extra_pages[: wanted - 1]

    def _screenshot(self, box: dict[str, float], scale: float) -> bytes:
        """PNG of a page region at ``scale`` device pixels per CSS pixel (browser thread only).

        Chromium's DevTools protocol renders the clip at the requested scale
        (crisp text, not an upscaled bitmap) without resizing the page, so one
        page serves every scale.
        """
        page = self.page
        if self._cdp is None:
            self._cdp = page.context.new_cdp_session(page)
        clip = {"x": box["x"], "y": box["y"], "width": max(box["width"], 1), "height": max(box["height"], 1),
                "scale": scale}
        shot = self._cdp.send("Page.captureScreenshot",
                              {"format": "png", "clip": clip, "captureBeyondViewport": True, "fromSurface": True})
        return base64.b64decode(shot["data"])

    # -------------------------------------------------------------- public
    def render_many(self, texts: Sequence[str], *, theme: str = "default", config: dict[str, Any] | None = None,
                    xml: bool = False, probe: str | None = None) -> list[RenderResult]:
        """Render every text in one page; failures are reported per diagram.

        ``xml=True`` returns each SVG re-serialised as well-formed XML (what a
        ``.svg`` file needs: Mermaid's own string is HTML, with ``<br>`` in
        labels).  ``probe`` is the source of a JavaScript function called with
        each laid-out ``<svg>`` element; its JSON-able result is in
        ``result.extra["probe"]`` (see :mod:`c4kit.render.overlap`).
        """
        texts = list(texts)
        if not texts:
            return []
        args = self._batch_args(texts, theme, config, xml=xml, probe=probe, keep=False)

        def work() -> list[RenderResult]:
            pages = self._pages_for(len(texts))
            if len(pages) == 1:
                raw = pages[0].evaluate("(args) => window.c4kit.renderAll(args)", args)
                return [_result(r) for r in raw]
            # Start every page's share, then collect: the pages render at the same time.  The
            # work starts in a later task: Mermaid's promises resolve as microtasks, which would
            # otherwise all run before this evaluate returns, so the pages would take turns.
            shares = _balance([len(t) for t in texts], len(pages))
            for page, share in zip(pages, shares):
                part = {**args, "texts": [texts[i] for i in share], "ids": [args["ids"][i] for i in share]}
                page.evaluate("(args) => { window.__c4kitJob = new Promise((go) => setTimeout(go, 0))"
                              ".then(() => window.c4kit.renderAll(args)); }", part)
            results: list[RenderResult | None] = [None] * len(texts)
            for page, share in zip(pages, shares):
                for i, r in zip(share, page.evaluate("() => window.__c4kitJob")):
                    results[i] = _result(r)
            return [r for r in results if r is not None]

        return self.run(work)

    def probe_svgs(self, svgs: Sequence[str], probe: str) -> list[Any]:
        """Run a ``probe`` (as for :meth:`render_many`) on SVG markup already rendered, one result each."""
        svgs = list(svgs)
        if not svgs:
            return []
        return self.run(lambda: self.page.evaluate("(args) => window.c4kit.probeAll(args)",
                                                   {"svgs": svgs, "probe": probe}))

    def render_pngs(self, texts: Sequence[str], *, theme: str = "default", scale: float = 2.0,
                    background: str = "white", config: dict[str, Any] | None = None) -> list[RenderResult]:
        """Render every text and screenshot each drawing: ``result.extra["png"]`` holds the bytes.

        One evaluate renders and lays out the whole batch; then one screenshot
        per diagram (a DevTools call each, the only per-diagram round trip).
        """
        if not scale > 0:
            raise RenderError(f"scale must be positive, not {scale!r}", hint="use e.g. scale=2 for a sharp PNG")
        texts = list(texts)
        if not texts:
            return []
        args = self._batch_args(texts, theme, config, xml=False, probe=None, keep=True)

        def work() -> list[RenderResult]:
            page = self.page
            page.evaluate("(bg) => { document.body.style.background = bg; }", background)
            try:
                raw = page.evaluate("(args) => window.c4kit.renderAll(args)", args)
                results = []
                for r in raw:
                    result = _result(r)
                    if r["box"] is not None:
                        result.extra["png"] = self._screenshot(r["box"], scale)
                    results.append(result)
                return results
            finally:
                page.evaluate("() => { window.c4kit.clear(); document.body.style.background = 'white'; }")

        return self.run(work)

    @staticmethod
    def _batch_args(texts: list[str], theme: str, config: dict[str, Any] | None, *, xml: bool,
                    probe: str | None, keep: bool) -> dict[str, Any]:
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise RenderError(f"diagram {i + 1} of the batch is a {type(text).__name__}, not Mermaid text",
                                  hint="pass strings (use view.to_mermaid() for a c4kit view)")
        settings = {"theme": theme, **(config or {})}
        return {"texts": texts, "ids": [diagram_id(t, theme) for t in texts], "config": settings,
                "xml": xml, "probe": probe, "keep": keep}

    def close(self) -> None:
        """Stop the browser and the worker thread (idempotent)."""
        if self._closed:
            return

        def stop() -> None:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()

        try:
            self._pool.submit(stop).result(timeout=30)
        except Exception:
            pass
        self._closed = True
        self._pool.shutdown(wait=False)


def _balance(costs: Sequence[int], parts: int) -> list[list[int]]:
    """Indices split into ``parts`` groups of similar total cost (largest first), each in input order."""
    loads = [0] * parts
    groups: list[list[int]] = [[] for _ in range(parts)]
    for i in sorted(range(len(costs)), key=lambda i: -costs[i]):
        k = loads.index(min(loads))
        groups[k].append(i)
        loads[k] += costs[i]
    return [sorted(g) for g in groups if g]


def _result(raw: dict[str, Any]) -> RenderResult:
    extra: dict[str, Any] = {}
    if raw.get("probe") is not None:
        extra["probe"] = raw["probe"]
    return RenderResult(raw["svg"], raw["error"], raw["ms"], extra)


_engine: Engine | None = None
_engine_lock = threading.Lock()


def get_engine() -> Engine:
    """The process-wide engine (started lazily, closed at exit)."""
    global _engine
    with _engine_lock:
        if _engine is None or _engine._closed:
            _engine = Engine()
            atexit.register(_engine.close)
        return _engine


def render_svgs(texts: Sequence[str], *, theme: str = "default", xml: bool = False) -> list[RenderResult]:
    """Render many Mermaid texts in one browser page; one result per text, in order.

    The SVGs are Mermaid's own strings, for inlining in HTML (a course page);
    ``xml=True`` makes each a well-formed XML document (a file, ``<img>``).
    """
    return get_engine().render_many(texts, theme=theme, xml=xml)


def render_svg(text: str, *, theme: str = "default", xml: bool = True) -> str:
    """One Mermaid text as a standalone SVG document, or :class:`RenderError` with Mermaid's message.

    Well-formed XML by default, because a single SVG usually travels on its
    own: an ``image/svg+xml`` output (shown through ``<img>`` when a notebook
    is untrusted) or a file.  Pass ``xml=False`` for Mermaid's own string,
    meant for inlining in HTML.
    """
    (result,) = render_svgs([text], theme=theme, xml=xml)
    result.raise_for_error()
    assert result.svg is not None
    return result.svg


def render_pngs(texts: Sequence[str], *, scale: float = 2.0, theme: str = "default",
                background: str = "white") -> list[bytes | None]:
    """PNG bytes for each text (``None`` where Mermaid failed), rendered in one page."""
    results = get_engine().render_pngs(texts, theme=theme, scale=scale, background=background)
    return [r.extra.get("png") for r in results]
