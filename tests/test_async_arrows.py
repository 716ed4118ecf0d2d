"""Asynchronous calls are drawn dashed, as C4 draws them, and the drawing carries the fact back.

``a.uses(b, ..., sync=False)`` used to change only the failure simulation, so a learner could not
see on the diagram which calls wait for their answer.  The view now tags such relationships
``async``; the flowchart draws them dashed with a legend line; parsed Mermaid keeps the tag, and
the simulation of the parsed diagram reads it back.
"""

from __future__ import annotations

import pytest

from c4kit import Workspace
from c4kit.mermaid.parse import parse
from c4kit.model.diagram import Relationship
from c4kit.render.engine import render_svgs
from c4kit.sim import Topology


def _orders():
    ws = Workspace("Shop")
    shop = ws.system("Shop")
    orders = shop.container("Order Service", "Java")
    events = shop.queue("Events", "Kafka")
    db = shop.database("Order DB", "PostgreSQL")
    orders.uses(events, "Publishes OrderPlaced to", "Kafka", sync=False)
    orders.uses(db, "Writes", "SQL")
    return ws.container_view(shop)


def test_an_asynchronous_call_is_dashed_and_the_legend_says_so() -> None:
    text = _orders().to_flowchart()
    assert 'c4_order_service -. "Publishes OrderPlaced to<br/><small>[Kafka]</small>" .-> c4_events' in text
    assert 'c4_order_service -- "Writes<br/><small>[SQL]</small>" --> c4_order_db' in text
    assert "Dashed arrow: asynchronous call" in text


def test_a_diagram_without_asynchronous_calls_has_no_such_legend_line() -> None:
    ws = Workspace("Shop")
    shop = ws.system("Shop")
    shop.container("Web", "Go").uses(shop.database("DB", "PostgreSQL"), "Reads", "SQL")
    assert "Dashed arrow" not in ws.container_view(shop).to_flowchart()


def test_the_c4_text_carries_the_tag_and_the_simulation_reads_it_back() -> None:
    text = _orders().to_mermaid()
    assert '"Publishes OrderPlaced to", "Kafka", "", $tags="async")' in text
    topology = Topology.from_diagram(parse(text))
    by_target = {edge.target: edge for edge in topology.edges}
    assert by_target["events"].sync is False and by_target["order_db"].sync is True


@pytest.mark.parametrize(("tags", "technology", "expected"), [
    ("async", "", True), ("v1+async", "", True), ("asynchronous", "", True), ("", "Kafka, async", True),
    ("", "AsyncAPI events", True), ("", "HTTPS", False), ("asyncish-team", "", False), ("", "", False),
])
def test_what_counts_as_asynchronous(tags: str, technology: str, expected: bool) -> None:
    assert Relationship("a", "b", "Calls", technology, tags=tags).is_async is expected


def test_user_tags_are_kept_next_to_the_async_tag() -> None:
    ws = Workspace("Shop")
    shop = ws.system("Shop")
    shop.container("A", "Go").uses(shop.container("B", "Go"), "Notifies", sync=False, tags="v2")
    (rel,) = ws.container_view(shop).to_diagram().relationships
    assert rel.tags == "v2,async" and rel.is_async


@pytest.mark.browser
def test_real_mermaid_draws_the_dashed_arrow() -> None:
    (result,) = render_svgs([_orders().to_flowchart()])
    assert result.ok, result.error
    assert "edge-pattern-dotted" in result.svg and "Publishes OrderPlaced to" in result.svg
