"""Compaction changes bytes, not pictures: the same drawings, before and after, screenshot alike."""

from __future__ import annotations

import pytest

from c4kit.course.export.compact import compact_page

pytestmark = pytest.mark.browser


def _drawings() -> list[str]:
    """A flowchart with classDef colours, the same view in Mermaid C4, and a failure-lab frame (overlay styles)."""
    from c4kit.render import render_svgs
    from c4kit.widgets import demo

    m = demo.bookshop()
    view = m.ws.container_view(m.shop)
    lab = demo.failure_lab(flowchart=True)
    frame = lab.frame_for({**lab.values, "down": "shop_db"})
    texts = [view.to_flowchart(), view.to_mermaid(), frame.mermaid]
    results = render_svgs(texts)
    assert all(r.ok for r in results), [r.error for r in results]
    return [r.svg for r in results]


def _page(svgs: list[str]) -> str:
    figures = "".join(f'<div class="card" style="width:1100px">{svg}</div>' for svg in svgs)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{figures}</body></html>"


def _screenshots(browser_page, html: str) -> list[bytes]:
    browser_page.set_content(html)
    cards = browser_page.locator(".card svg")
    return [cards.nth(i).screenshot() for i in range(cards.count())]


_PIXEL_DIFF = """async ([a, b]) => {
  const load = (src) => new Promise((ok) => { const i = new Image(); i.onload = () => ok(i); i.src = src; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return 1;
  const pixels = (img) => { const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data; };
  const p = pixels(x), q = pixels(y);
  let changed = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
    if (d > 96) changed++;
  }
  return changed / (p.length / 4);
}"""


def _changed_share(page, a: bytes, b: bytes) -> float:
    """Share of pixels that differ clearly (not anti-aliasing shifts from rounding to 0.1 px)."""
    import base64

    urls = ["data:image/png;base64," + base64.b64encode(x).decode() for x in (a, b)]
    return page.evaluate(_PIXEL_DIFF, urls)


def test_compacted_drawings_look_like_the_originals():
    from playwright.sync_api import sync_playwright

    from c4kit.render.browser import LAUNCH_ARGS, find_chromium

    svgs = _drawings()
    original, compacted = _page(svgs), compact_page(_page(svgs))
    assert len(compacted) < 0.85 * len(original), "compaction should save at least 15 % on these drawings"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(use_managed=False), args=list(LAUNCH_ARGS))
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            before, after = _screenshots(page, original), _screenshots(page, compacted)
            assert len(before) == len(after) == len(svgs)
            page.set_content("<html><body></body></html>")
            shares = [_changed_share(page, a, b) for a, b in zip(before, after)]
        finally:
            browser.close()
    # Rounding coordinates to 0.1 px moves anti-aliased edges by a shade; a lost style or label changes
    # thousands of pixels (a box's fill alone is a few per cent of the drawing).
    changed = {i: f"{share:.3%}" for i, share in enumerate(shares) if share > 0.001}
    assert not changed, f"drawings look different after compaction (share of changed pixels): {changed}"
