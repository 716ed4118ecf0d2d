"""Infrastructure nodes (load balancers, DNS, firewalls) are named for what they are, not as containers.

C4 separates the boxes that do the work (containers) from the ones that only route or guard
traffic in one deployment.  Mermaid's C4 syntax has no statement for the second kind, so it travels
as a container tagged ``$tags="infrastructure"``; everything that reads the model (flowchart label,
legend, colour, text alternative, parser) must agree on it.
"""

from __future__ import annotations

import pytest

from c4kit import Workspace
from c4kit.course.a11y import element_kind
from c4kit.mermaid.parse import parse
from c4kit.model.diagram import Element, ElementKind
from c4kit.render.engine import render_svgs


def _shop_deployment():
    ws = Workspace("Shop")
    shop = ws.system("Shop", "Sells things")
    web = shop.container("Web App", "Django", "Serves pages")
    env = ws.deployment_environment("Live")
    region = env.node("eu-west-1", "AWS region")
    lb = region.infrastructure("Load Balancer", "AWS ALB", "Spreads requests")
    lb.uses(region.node("ECS").instance(web, replicas=2), "Routes requests", "HTTPS")
    return ws.deployment_view(env)


def test_the_flowchart_labels_colours_and_explains_an_infrastructure_node() -> None:
    text = _shop_deployment().to_flowchart()
    assert "[Infrastructure Node: AWS ALB]" in text
    assert "[Container: AWS ALB]" not in text
    assert "[Container: Django]" in text  # containers keep their own noun
    assert 'c4legend_infrastructure["<small>Infrastructure Node</small>"]' in text
    assert "class c4legend_infrastructure,c4_load_balancer c4infrastructure" in text


def test_the_c4_text_carries_the_tag_and_the_parser_reads_it_back() -> None:
    view = _shop_deployment()
    text = view.to_mermaid()
    assert '"Spreads requests", $tags="infrastructure")' in text
    parsed = parse(text)
    balancer = next(e for e in parsed.elements() if e.label == "Load Balancer")
    assert balancer.is_infrastructure and balancer.kind is ElementKind.CONTAINER
    assert "[Infrastructure Node: AWS ALB]" in parsed.to_flowchart()


@pytest.mark.parametrize(("tags", "expected"), [
    ("infrastructure", True), ("v1+Infrastructure", True), ("edge, infrastructure", True),
    ("", False), ("infra", False), ("infrastructure-team", False),
])
def test_only_the_whole_tag_marks_infrastructure(tags: str, expected: bool) -> None:
    assert Element("lb", "LB", ElementKind.CONTAINER, tags=tags).is_infrastructure is expected


def test_the_text_alternative_says_infrastructure_node() -> None:
    assert element_kind(Element("lb", "LB", ElementKind.CONTAINER, tags="infrastructure")) == "infrastructure node"
    assert element_kind(Element("web", "Web", ElementKind.CONTAINER)) == "container"


@pytest.mark.browser
def test_real_mermaid_renders_both_forms_with_the_label() -> None:
    view = _shop_deployment()
    results = render_svgs([view.to_mermaid(), view.to_flowchart()])
    assert all(r.ok for r in results), [r.error for r in results]
    assert "Infrastructure Node" in results[1].svg
    assert "Load Balancer" in results[0].svg


def test_the_linter_names_an_infrastructure_node_as_such() -> None:
    ws = Workspace("Shop")
    web = ws.system("Shop").container("Web", "Django")
    node = ws.deployment_environment("Live").node("eu-west-1", "AWS region")
    node.infrastructure("DNS").uses(node.instance(web), "Resolves to")
    messages = [f.message for f in ws.deployment_view(ws.environments[0]).lint()]
    assert any("is an infrastructure node without a technology" in m for m in messages)
