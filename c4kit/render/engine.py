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
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from c4kit.assets import mermaid_js
from c4kit.errors import RenderError
from c4kit.render.browser import LAUNCH_ARGS, require_chromium

T = TypeVar("T")

_PAGE_HTML = (
    "<!doctype html><html><head><meta charset='utf-8'><title>c4kit renderer</title></head>"
    "<body style='margin:0;background:white'><div id='stage'></div></body></html>"
)

# Runs in the page.  Parses first (so a syntax error is reported as such, not as
# a drawing glitch), renders, and removes what Mermaid leaves behind on failure.
_RENDER_JS = """
async ({texts, config}) => {
  mermaid.initialize(Object.assign({startOnLoad: false, securityLevel: 'strict'}, config));
  const out = [];
  for (const text of texts) {
    const id = 'c4kit' + (window.__c4kitSeq = (window.__c4kitSeq || 0) + 1);
    const t0 = performance.now();
    try {
      await mermaid.parse(text);
      const {svg} = await mermaid.render(id, text);
      out.push({svg: svg, error: null, ms: performance.now() - t0});
    } catch (e) {
      out.push({svg: null, error: String((e && (e.message || e.str)) || e), ms: performance.now() - t0});
    }
    for (const stray of document.querySelectorAll('#d' + id + ', #' + id)) stray.remove();
  }
  return out;
}
"""


@dataclass(frozen=True)
class RenderResult:
    """The outcome for one diagram: an SVG, or the error Mermaid raised."""

    svg: str | None
    error: str | None
    #: Time Mermaid spent on this diagram inside the page (parse + render).
    ms: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.svg is not None


class Engine:
    """One headless Chromium with one page that has Mermaid loaded.

    Use the process-wide instance from :func:`get_engine`; create your own only
    to isolate a test.  All public methods are thread-safe and may be called
    from inside a running event loop.
    """

    def __init__(self, *, executable: str | None = None) -> None:
        self._executable = executable
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="c4kit-render")
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self._closed = False

    # ------------------------------------------------------------ plumbing
    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the browser thread and return its result."""
        if self._closed:
            raise RenderError("the render engine was closed", hint="call c4kit.render.get_engine() for a new one")
        return self._pool.submit(fn, *args).result()

    def _start(self) -> None:
        if self._page is not None:
            return
        executable = self._executable or require_chromium()
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
        except Exception as err:
            self._playwright.stop()
            self._playwright = None
            raise RenderError(f"could not start Chromium at {executable}: {err}",
                              hint="check that the browser runs headless, or set C4KIT_CHROMIUM") from None
        self._page = self.new_page_on_thread()

    def new_page_on_thread(self) -> Any:
        """A fresh page with Mermaid loaded (browser thread only)."""
        page = self._browser.new_page()
        # Nothing the renderer does may touch the network: refuse every request.
        page.route("**/*", lambda route: route.abort())
        page.set_content(_PAGE_HTML)
        page.add_script_tag(content=mermaid_js())
        return page

    @property
    def page(self) -> Any:
        """The shared page (browser thread only); starts the browser on first use."""
        self._start()
        return self._page

    # -------------------------------------------------------------- public
    def render_many(self, texts: Sequence[str], *, theme: str = "default",
                    config: dict[str, Any] | None = None) -> list[RenderResult]:
        """Render every text in one page; failures are reported per diagram."""
        settings = {"theme": theme, **(config or {})}

        def work() -> list[RenderResult]:
            raw = self.page.evaluate(_RENDER_JS, {"texts": list(texts), "config": settings})
            return [RenderResult(r["svg"], r["error"], r["ms"]) for r in raw]

        return self.run(work)

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


def render_svgs(texts: Sequence[str], *, theme: str = "default") -> list[RenderResult]:
    """Render many Mermaid texts in one browser page; one result per text, in order."""
    return get_engine().render_many(texts, theme=theme)


def render_svg(text: str, *, theme: str = "default") -> str:
    """Render one Mermaid text to SVG, or raise :class:`RenderError` with Mermaid's message."""
    (result,) = render_svgs([text], theme=theme)
    if result.svg is None:
        raise RenderError(f"Mermaid could not render this diagram: {result.error}",
                          hint="run c4kit.lint_text(text) (or `c4kit lint FILE`) to see what to fix")
    return result.svg
