"""Every frame of every example widget through the pinned Mermaid, in one browser batch.

The static course export shows exactly these frames, so each must be valid
Mermaid for the Mermaid JupyterLab bundles, whatever the overlay wrote into
labels (tags, traffic shares, routes, entity-coded ``#`` and ``:``).
"""

from __future__ import annotations

import pytest

from c4kit.render import render_svgs
from c4kit.widgets import demo

pytestmark = pytest.mark.browser


def test_every_frame_of_every_example_widget_renders():
    frames = {name: widget.frameset().frames for name, widget in demo.gallery().items()}
    # Frames share many diagrams (a control that changes nothing, a held last step): render each text once.
    texts = list(dict.fromkeys(f.mermaid for fs in frames.values() for f in fs))
    results = render_svgs(texts)
    failed = [(text.splitlines()[0], r.error) for text, r in zip(texts, results) if not r.ok]
    assert not failed, f"{len(failed)} of {len(texts)} frames did not render: {failed[:3]}"
    svgs = dict(zip(texts, (r.svg for r in results)))
    assert all("Syntax error" not in svg for svg in svgs.values())

    def drawn(name: str, predicate) -> str:
        """The SVG of the first frame of ``name`` whose key matches ``predicate``."""
        return svgs[next(f.mermaid for f in frames[name] if predicate(f.key))]

    # Spot checks that the words of the overlays survive into the drawing.
    assert "Shop DB [DOWN]" in drawn("failure-lab", lambda k: k["down"] == "shop_db" and k["mode"] == "down")
    assert "[COMPENSATED]" in drawn("saga-stepper", lambda k: k["fail"] == "Charge card" and k["step"] == "12")
    side = drawn("saga-side-by-side", lambda k: k["step"] == "3")
    assert "Orchestrated" in side and "Choreographed" in side
    assert "(10 %)" in drawn("deployment-switcher", lambda k: k == {"strategy": "canary", "bad": "no", "phase": "1"})
    assert "[CURRENT]" in drawn("state-scenario", lambda k: k["step"] == "0")
    assert "[NOW]" in drawn("dynamic-stepper", lambda k: k["step"] == "3")
    replay = drawn("event-replay", lambda k: True)
    assert "#1 AccountOpened" in replay and "#35;" not in replay  # entity codes are decoded, not shown
    assert "[OVERLOADED" in drawn("cache-failure", lambda k: k["down:cdn"] == k["down:redis_cache"] == "down")
