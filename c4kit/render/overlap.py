"""Readability after rendering: which labels collide with other labels or with boxes.

Layout only exists in the browser, so the measurement runs there, on the SVG
Mermaid just drew, while it is laid out in the page at its natural size (one
CSS pixel per diagram unit).  It is generic over Mermaid's diagram types: it
looks at SVG geometry and at a few structural facts every Mermaid renderer
shares, not at one diagram's ids.

What counts as an overlap (each pair once, in drawing order):

* **text over text**: the glyph boxes of two labels intersect.  A label is one
  SVG ``<text>`` or one HTML label in a ``<foreignObject>``; its boxes are the
  client rectangles of its text nodes (one per line, measured with a DOM
  ``Range``, so a centred two-line label is two boxes, not their union).
* **text over a box it does not belong to**: a label intersects the filled
  shape (rect, path, polygon, ellipse, circle) of another node.  Which node a
  label belongs to comes from the SVG structure: the nearest group that draws
  exactly one item.  Relationship and edge labels belong to no box, so any box
  they cross counts.  A label whose owner cannot be told is given the benefit
  of the doubt: it counts only when its centre is outside the box it crosses.

Not counted: edges and lines (they are strokes, text crossing them is normal),
and containers (boundaries, subgraphs, clusters, highlighted sequence
regions), recognised as unfilled shapes or shapes that enclose another item's
shape, because they are meant to hold text.  Two boxes touching within
``slack`` pixels are not an overlap, and a shape is tested point by point
(``isPointInFill``), so the empty corners of a diamond or a cylinder's
bounding box do not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from c4kit.render.engine import Engine, RenderResult, get_engine

#: Pixels two boxes may share before they count as overlapping (anti-aliasing, font metrics).
DEFAULT_SLACK = 3.0

_PROBE_TEMPLATE = r"""
(svg) => {
  const SLACK = __SLACK__;
  const SKIP = 'defs, marker, symbol, clipPath, mask, pattern, style, title, desc';
  const EDGE_LABEL_CLASSES = ['edgeLabel', 'edgeLabels', 'edgeTerminals', 'messageText', 'relationshipLabel'];
  const CONTAINER_CLASSES = ['cluster', 'note-cluster', 'statediagram-cluster'];
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const short = (s) => (s.length > 60 ? s.slice(0, 57) + '...' : s);
  const box = (r) => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  const inter = (a, b) => ({l: Math.max(a.l, b.l), t: Math.max(a.t, b.t),
                            r: Math.min(a.r, b.r), b: Math.min(a.b, b.b)});
  const union = (a, b) => ({l: Math.min(a.l, b.l), t: Math.min(a.t, b.t),
                            r: Math.max(a.r, b.r), b: Math.max(a.b, b.b)});
  const overlaps = (a, b) => { const i = inter(a, b); return i.r - i.l > SLACK && i.b - i.t > SLACK; };
  const encloses = (a, b) => a.l <= b.l + SLACK && a.t <= b.t + SLACK && a.r >= b.r - SLACK && a.b >= b.b - SLACK;
  const hasClass = (el, names) => el.classList && names.some((n) => el.classList.contains(n));
  const drawn = (el) => {
    const cs = getComputedStyle(el);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && parseFloat(cs.opacity) !== 0;
  };

  // ---- shapes: filled geometry that is not inside defs/markers
  const shapes = [];
  for (const el of svg.querySelectorAll('rect, path, polygon, ellipse, circle')) {
    if (el.closest(SKIP) || el.closest('foreignObject') || !drawn(el)) continue;
    const cs = getComputedStyle(el);
    const filled = cs.fill !== 'none' && parseFloat(cs.fillOpacity) !== 0;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    shapes.push({el, filled, bb: box(r), owner: null, container: false});
  }
  const shapeSet = new Set(shapes.filter((s) => s.filled).map((s) => s.el));
  const strokes = new Set(shapes.filter((s) => !s.filled).map((s) => s.el));

  // ---- groups: how many filled shapes each <g> holds, and whether it is a list of items
  const shapeCount = new Map();
  const count = (g) => {
    if (shapeCount.has(g)) return shapeCount.get(g);
    let n = 0;
    for (const el of g.querySelectorAll('rect, path, polygon, ellipse, circle')) if (shapeSet.has(el)) n++;
    shapeCount.set(g, n);
    return n;
  };
  const isList = (g) => {
    let withShapes = 0;
    for (const c of g.children) if (c.tagName === 'g' && count(c) > 0) withShapes++;
    return withShapes > 1;
  };
  // The item an element belongs to: the outermost group, below the first list of
  // items, that holds filled shapes.  'edge' for a relationship's label (it sits
  // among strokes, or Mermaid marks it as one), null when it cannot be told.
  const amongStrokes = (p) => {
    const direct = Array.from(p.children);
    return direct.some((c) => strokes.has(c) || c.tagName === 'line') && !direct.some((c) => shapeSet.has(c));
  };
  const ownerOf = (el) => {
    if (hasClass(el, EDGE_LABEL_CLASSES)) return 'edge';
    let owner = null;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (hasClass(p, EDGE_LABEL_CLASSES)) return 'edge';
      if (p === svg) break;
      if (p.tagName !== 'g') continue;
      if (count(p) > 0) {
        if (isList(p)) break;
        owner = p;
      } else if (owner === null && amongStrokes(p)) {
        return 'edge';
      }
    }
    if (owner === null && el.parentElement === svg && amongStrokes(svg)) return 'edge';
    return owner;
  };

  // ---- labels: one per <text> or <foreignObject>, boxes per text node line
  const labels = [];
  for (const root of svg.querySelectorAll('text, foreignObject')) {
    if (root.closest(SKIP) || (root.tagName === 'text' && root.closest('foreignObject')) || !drawn(root)) continue;
    const rects = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || !drawn(n.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width >= 1 && r.height >= 1) rects.push(box(r));
    }
    if (!rects.length) continue;
    const html = root.tagName === 'foreignObject' ? (root.firstElementChild || root) : null;
    const name = clean(html ? html.innerText : root.textContent);
    if (!name) continue;
    const all = rects.reduce(union);
    const size = parseFloat(getComputedStyle(html || root).fontSize) || 0;
    labels.push({root, name: short(name), rects, all, owner: ownerOf(root), size});
  }

  // ---- ownership and containers
  for (const s of shapes) s.owner = ownerOf(s.el) || s.el;
  // A filled shape among edges is a label's background, not a node.
  const filled = shapes.filter((s) => s.filled && s.owner !== 'edge');
  for (const s of filled) {
    const g = s.el.closest('g');
    s.container = (g && CONTAINER_CLASSES.some((c) => g.classList.contains(c))) ||
      filled.some((o) => o.owner !== s.owner && o.bb !== s.bb && encloses(s.bb, o.bb) &&
                          (o.bb.r - o.bb.l) * (o.bb.b - o.bb.t) < (s.bb.r - s.bb.l) * (s.bb.b - s.bb.t));
  }
  const boxes = filled.filter((s) => !s.container);
  const ownerName = (owner) => {
    let best = null;
    for (const l of labels) if (l.owner === owner && (!best || l.size > best.size)) best = l;
    if (best) return best.name;
    const el = owner instanceof Element ? owner : null;
    if (!el) return '(unlabelled shape)';
    return '(unlabelled ' + el.tagName + (el.id ? '#' + el.id : el.classList.length ? '.' + el.classList[0] : '') + ')';
  };

  // Does the label's box really cover the shape's fill (not just its bounding box)?
  const coversFill = (shape, r) => {
    const i = inter(r, shape.bb);
    if (!(i.r - i.l > SLACK && i.b - i.t > SLACK)) return false;
    if (typeof shape.el.isPointInFill !== 'function' || !shape.el.getScreenCTM()) return true;
    const inv = shape.el.getScreenCTM().inverse();
    const inset = SLACK / 2, cols = 6, rows = 4;
    for (let a = 0; a <= cols; a++) {
      for (let b = 0; b <= rows; b++) {
        const x = i.l + inset + (i.r - i.l - 2 * inset) * a / cols;
        const y = i.t + inset + (i.b - i.t - 2 * inset) * b / rows;
        const p = new DOMPoint(x, y).matrixTransform(inv);
        if (shape.el.isPointInFill(p)) return true;
      }
    }
    return false;
  };

  const pairs = [];
  // text over text
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i], b = labels[j];
      if (!overlaps(a.all, b.all)) continue;
      if (a.rects.some((ra) => b.rects.some((rb) => overlaps(ra, rb)))) pairs.push([a.name, b.name, 'text']);
    }
  }
  // text over a box it does not belong to
  for (const l of labels) {
    const hit = new Set();
    for (const s of boxes) {
      if (s.owner === l.owner || hit.has(s.owner) || !overlaps(l.all, s.bb)) continue;
      if (l.owner === null) {
        const cx = (l.all.l + l.all.r) / 2, cy = (l.all.t + l.all.b) / 2;
        if (cx >= s.bb.l && cx <= s.bb.r && cy >= s.bb.t && cy <= s.bb.b) continue;
      }
      if (l.rects.some((r) => coversFill(s, r))) {
        hit.add(s.owner);
        pairs.push([l.name, 'box: ' + ownerName(s.owner), 'box']);
      }
    }
  }
  return {pairs, labels: labels.length, boxes: boxes.length};
}
"""


def overlap_probe(slack: float = DEFAULT_SLACK) -> str:
    """The in-page measuring function, for ``Engine.render_many(texts, probe=...)``.

    Use it directly to get SVGs and overlap counts from one render pass (the
    course validator does); :func:`measure_overlaps` is the simple form.
    """
    if not slack >= 0:
        raise ValueError(f"slack must be zero or more pixels, not {slack!r}")
    return _PROBE_TEMPLATE.replace("__SLACK__", repr(float(slack)))


@dataclass(frozen=True)
class OverlapReport:
    """Overlapping pairs in one rendered diagram, each named by its two texts.

    A pair is ``(text, other_text)`` or ``(text, "box: <label of the box>")``.
    ``error`` is Mermaid's message when the diagram did not render (then
    nothing could be measured and ``count`` is 0).
    """

    pairs: list[tuple[str, str]] = field(default_factory=list)
    count: int = 0
    error: str | None = None
    #: How many pairs are text over text (the rest are text over a box).
    text_pairs: int = 0
    #: How many labels and boxes were examined (a sanity check: 0 labels means nothing was measured).
    labels: int = 0
    boxes: int = 0

    @property
    def ok(self) -> bool:
        """True when the diagram rendered and nothing overlaps."""
        return self.error is None and self.count == 0

    def __str__(self) -> str:
        if self.error:
            return f"not rendered: {self.error}"
        if not self.count:
            return "no overlapping labels"
        lines = [f"{self.count} overlapping pair{'s' if self.count != 1 else ''}:"]
        lines += [f"  {a!r} overlaps {b!r}" for a, b in self.pairs]
        return "\n".join(lines)


def report_from_result(result: RenderResult) -> OverlapReport:
    """Turn a result rendered with :func:`overlap_probe` into an :class:`OverlapReport`."""
    if not result.ok:
        return OverlapReport(error=result.error)
    return _report(result.extra.get("probe"))


def _report(probe: object) -> OverlapReport:
    if not isinstance(probe, dict) or "pairs" not in probe:
        detail = probe.get("error") if isinstance(probe, dict) else "the diagram was rendered without the probe"
        return OverlapReport(error=f"overlap measurement failed: {detail}")
    pairs = [(str(a), str(b)) for a, b, _kind in probe["pairs"]]
    text_pairs = sum(1 for *_, kind in probe["pairs"] if kind == "text")
    return OverlapReport(pairs=pairs, count=len(pairs), text_pairs=text_pairs, labels=int(probe["labels"]),
                         boxes=int(probe["boxes"]))


def measure_overlaps(texts: Sequence[str], *, theme: str = "default", slack: float = DEFAULT_SLACK,
                     engine: Engine | None = None) -> list[OverlapReport]:
    """Render each text in one page and report its overlapping labels, in order."""
    engine = engine or get_engine()
    results = engine.render_many(texts, theme=theme, probe=overlap_probe(slack))
    return [report_from_result(r) for r in results]


def measure_svg_overlaps(svgs: Sequence[str], *, slack: float = DEFAULT_SLACK,
                         engine: Engine | None = None) -> list[OverlapReport]:
    """The same measurement for SVG markup already rendered (a saved file, another tool's output)."""
    engine = engine or get_engine()
    return [_report(probe) for probe in engine.probe_svgs(svgs, overlap_probe(slack))]
