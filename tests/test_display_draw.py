"""``c4kit.draw``: the course's way of showing a view (flowchart, C4 text folded, serious findings)."""

from __future__ import annotations

import importlib

import c4kit
from c4kit import Workspace


def _outputs(monkeypatch):
    shown: list[dict] = []
    # The package re-exports the function ``show``, so reach the module through importlib.
    monkeypatch.setattr(importlib.import_module("c4kit.display.show"), "publish", shown.append)
    return shown


def _shop():
    ws = Workspace("Shop")
    customer = ws.person("Customer", "Buys things")
    shop = ws.system("Shop", "Sells things")
    web = shop.container("Web App", "Python, Django", "Serves the shop")
    db = shop.database("Shop DB", "PostgreSQL", "Orders")
    customer.uses(web, "Buys things using", "HTTPS")
    web.uses(db, "Reads and writes orders", "SQL")
    return ws, shop, web


def test_draw_shows_a_flowchart_then_the_c4_text(monkeypatch):
    shown = _outputs(monkeypatch)
    ws, shop, _ = _shop()
    c4kit.draw(ws.container_view(shop), "LR")
    assert len(shown) == 2, "a clean view gets no findings block"
    assert "flowchart LR" in shown[0]["text/vnd.mermaid"]
    assert shown[1]["text/plain"].startswith("C4Container")
    assert "Mermaid C4 source" in shown[1]["text/html"] and "<details" in shown[1]["text/html"]


def test_draw_names_what_breaks_a_c4_rule(monkeypatch):
    shown = _outputs(monkeypatch)
    ws, shop, web = _shop()
    web.technology = ""
    c4kit.draw(ws.container_view(shop))
    assert len(shown) == 3
    findings = shown[2]["text/plain"]
    assert "Web App" in findings and "technology" in findings.lower()


def test_draw_can_leave_the_linter_out(monkeypatch):
    shown = _outputs(monkeypatch)
    ws, shop, web = _shop()
    web.technology = ""
    c4kit.draw(ws.container_view(shop), lint=False)
    assert len(shown) == 2


def test_draw_of_something_that_is_not_a_view_is_a_notice_not_a_traceback(monkeypatch):
    shown = _outputs(monkeypatch)
    c4kit.draw(42)
    assert len(shown) == 1 and "text/html" in shown[0]
