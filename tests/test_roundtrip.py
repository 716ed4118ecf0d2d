"""Round trips: ``parse(emit_c4(d)) == d``, ``emit∘parse`` is a fixed point, and real Mermaid draws it all."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from strategies import diagrams
from svgtext import svg_text

from c4kit.errors import C4EmitError, C4SyntaxError
from c4kit.mermaid.emit_c4 import emit_c4
from c4kit.mermaid.parse import parse
from c4kit.model.diagram import Diagram, DiagramKind

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(diagrams())
def test_parse_inverts_emit(diagram: Diagram) -> None:
    text = emit_c4(diagram)
    assert parse(text) == diagram
    assert emit_c4(diagram) == text  # deterministic


@_SETTINGS
@given(diagrams(kinds=(DiagramKind.DYNAMIC,)))
def test_dynamic_steps_survive_in_order(diagram: Diagram) -> None:
    assert [r.index for r in parse(emit_c4(diagram)).relationships] == \
        list(range(1, len(diagram.relationships) + 1))


#: Slips learners make, as (pattern, replacement) on one line of valid text; each leaves a trap the parser
#: reads leniently (and notes) or a syntax error.
_SLIPS = (
    (r'", "', '" , "'),  # space before a comma
    (r'"([^"\',]*)"\)$', r"'\1')"),  # single quotes on the last argument
    (r'"([A-Za-z0-9 ]+)"\)$', r"\1)"),  # unquoted last argument
    (r'#quot;', r'\\"'),  # backslash-escaped quote
    (r'\$(\w+)="([A-Za-z0-9]+)"', r"$\1=\2"),  # unquoted named value
    (r"\)$", ") %% note"),  # trailing comment
    (r"^(\s*)Rel\(", r"\1RelIndex(9, "),  # a step number
    (r"^(\s*)title (.*)$", r"\1title \2 #1"),  # a raw # in the title
    (r"^(\s*)(\w+\()", r"\1direction LR\n\1\2"),  # a direction statement
    (r"^(\s*)(\w+\()", r'\1Boundary(empty_, "Empty") {}\n\1\2'),  # an empty boundary
    (r"^(\s*)(\w+\()", r'\1AddElementTag("v1", $bgColor="red")\n\1\2'),  # C4-PlantUML
    (r'UpdateLayoutConfig\(\$c4ShapeInRow="(\d)", \$c4BoundaryInRow="(\d)"\)',
     r'UpdateLayoutConfig($c4BoundaryInRow="\2", $c4ShapeInRow="\1")'),  # layout values swapped
)


@st.composite
def _edited(draw: st.DrawFn) -> str:
    """Emitted text with a few of a learner's typical slips applied."""
    lines = emit_c4(draw(diagrams(max_nodes=8, max_relationships=4))).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(1, len(lines) - 1)) if len(lines) > 1 else 0
        pattern, replacement = draw(st.sampled_from(_SLIPS))
        lines[at] = re.sub(pattern, replacement, lines[at], count=1)
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_edited())
def test_emit_of_parse_is_a_fixed_point(text: str) -> None:
    try:
        once = emit_c4(parse(text))
    except (C4SyntaxError, C4EmitError):
        return  # not every edit leaves a drawable diagram; those raise our errors, nothing else
    assert emit_c4(parse(once)) == once


# ============================================================ real Mermaid


def _sample(count: int) -> list[Diagram]:
    """``count`` diagrams from the strategy, the same ones on every run."""
    found: list[Diagram] = []

    @settings(max_examples=count, derandomize=True, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(diagrams())
    def collect(diagram: Diagram) -> None:
        found.append(diagram)

    collect()
    return found


@pytest.mark.browser
def test_random_hostile_diagrams_all_render_with_the_intended_text() -> None:
    from c4kit.render import render_svgs

    sample = _sample(60)
    texts = [emit_c4(d) for d in sample]
    results = render_svgs(texts)  # one page, one call
    failed = [(t, r.error) for t, r in zip(texts, results) if not r.ok]
    assert not failed, failed[:3]
    checked = 0
    for diagram, text, result in zip(sample, texts, results):
        pieces = svg_text(result.svg)
        for element in diagram.elements():
            for line in element.label.split("\n"):
                if line.strip():
                    assert line in pieces, f"{line!r} is not drawn:\n{text}\n{pieces}"
                    checked += 1
        if diagram.title:
            assert diagram.title in pieces, f"title {diagram.title!r} is not drawn:\n{text}"
    assert checked > 30
