"""The linter's Mermaid claims, checked against the Mermaid the kit ships.

Each ``error`` rule says that Mermaid either fails on the diagram or silently
drops part of it.  These tests render small diagrams in headless Chromium
(one batch) and check both halves: the rule fires on the text, and Mermaid
really does fail, or really does leave the text out of the SVG.
"""

from __future__ import annotations

import pytest

from c4kit.linter import lint_text

pytestmark = pytest.mark.browser

HEAD = 'C4Context\n  title T\n  Person(a, "Alice", "Buys")\n  System(b, "Bookshop", "Sells")\n'

#: rule id -> a diagram that trips it, which Mermaid fails to render
FAILS = {
    "rel-unknown-alias": HEAD + '  Rel(a, nowhere, "Uses")\n',
    "rel-to-boundary": HEAD + '  Enterprise_Boundary(e, "E") {\n    System(c, "C", "Helps")\n  }\n'
                              '  Rel(a, e, "Uses")\n',
    "empty-boundary": HEAD + '  Boundary(g, "G") {\n  }\n  Rel(a, b, "Uses")\n',
    "direction-statement": HEAD.replace("  title T\n", "  title T\n  direction LR\n") + '  Rel(a, b, "Uses")\n',
    "trailing-comment": HEAD.replace('"Buys")\n', '"Buys") %% the buyer\n') + '  Rel(a, b, "Uses")\n',
}

#: rule id -> (a diagram that trips it, a text Mermaid silently leaves out of the picture)
DROPS = {
    "duplicate-alias": (HEAD + '  System(a, "Second Alice", "Merged")\n  Rel(a, b, "Uses")\n', ">Alice<"),
    "relationship-overwritten": (HEAD + '  Rel(a, b, "Browses")\n  Rel(a, b, "Pays")\n', "Browses"),
}
DYNAMIC_REPEAT = ('C4Dynamic\n  title T\n  Person(a, "Alice", "Buys")\n  System(b, "Shop", "Sells")\n'
                  '  System(c, "Bank", "Pays")\n  Rel(a, b, "Orders")\n  Rel(b, c, "Charges")\n'
                  '  Rel(a, b, "Tracks")\n')


@pytest.fixture(scope="module")
def rendered() -> dict[str, object]:
    from c4kit.render import render_svgs

    names = [*FAILS, *DROPS, "dynamic"]
    texts = [*FAILS.values(), *(t for t, _ in DROPS.values()), DYNAMIC_REPEAT]
    return dict(zip(names, render_svgs(texts)))


@pytest.mark.parametrize("rule_id", sorted(FAILS))
def test_what_the_linter_calls_a_failure_fails_in_mermaid(rendered, rule_id: str) -> None:
    assert rule_id in lint_text(FAILS[rule_id]).errors.rule_ids
    assert not rendered[rule_id].ok


@pytest.mark.parametrize("rule_id", sorted(DROPS))
def test_what_the_linter_calls_dropped_is_missing_from_the_svg(rendered, rule_id: str) -> None:
    text, lost = DROPS[rule_id]
    assert rule_id in lint_text(text).errors.rule_ids
    result = rendered[rule_id]
    assert result.ok and lost not in result.svg
    kept = {"duplicate-alias": ">Second Alice<", "relationship-overwritten": ">Pays<"}[rule_id]
    assert kept in result.svg  # the text is really drawn that way, so its absence above means something


def test_a_repeated_pair_in_a_dynamic_diagram_loses_a_step(rendered) -> None:
    findings = lint_text(DYNAMIC_REPEAT)
    assert "relationship-overwritten" in findings.errors.rule_ids
    svg = rendered["dynamic"].svg
    assert "1: Tracks" in svg and "2: Charges" in svg and "Orders" not in svg and "3:" not in svg
