"""Overlap measurement: labels over labels and over boxes they do not belong to, measured in the browser.

Two kinds of evidence.  Mermaid diagrams a person can check by eye (laid out
cleanly: count 0; a C4 row of long relationship labels: overlaps, and which),
and hand-written SVG where the geometry is known exactly, to pin the rules
(slack, ownership, containers, shapes tested by their fill, not their box).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from c4kit.render.engine import render_pngs
from c4kit.render.overlap import (
    DEFAULT_SLACK,
    OverlapReport,
    measure_overlaps,
    measure_svg_overlaps,
    overlap_probe,
)

pytestmark = pytest.mark.browser

CLEAN = {
    "chain": "flowchart TD\n  A[Start] --> B[Middle]\n  B --> C[End]\n",
    "labelled edges": "flowchart LR\n  A[Client] -->|request| B[Server]\n  B -->|reply| A\n",
    "shapes and a subgraph": (
        "flowchart TD\n  subgraph S [Backend]\n    A[API] --> D[(Database)]\n  end\n"
        "  U((User)) --> A\n  A --> Q{Cached?}\n  Q -->|yes| R[Return]\n  Q -->|no| D\n"
    ),
    "sequence": "sequenceDiagram\n  Alice->>Bob: Hello Bob\n  Bob-->>Alice: Hi Alice\n  Note right of Bob: thinks\n",
    "class": "classDiagram\n  class Order {\n    +id: int\n    +total() float\n  }\n  Order --> Line : has\n",
    "state": "stateDiagram-v2\n  [*] --> Draft\n  Draft --> Placed : place\n  Placed --> [*]\n",
    # Mermaid starts a C4 arrow's label at the arrow's middle: only a short one fits between two boxes.
    "small C4": ('C4Context\n  Person(a, "Alice", "A person")\n  System(b, "Shop", "Sells things")\n'
                 '  Rel(a, b, "Uses")\n'),
}

# Four boxes share a row; long relationship labels are drawn at the middle of arrows
# that cross the neighbouring boxes.
CROWDED_C4 = """C4Context
    title Long labels in one row
    Person(a, "Alpha", "First person")
    System(b, "Bravo", "Second system")
    System(c, "Charlie", "Third system")
    System(d, "Delta", "Fourth system")
    Rel(a, b, "Sends a very long request description across the row")
    Rel(a, c, "Sends another very long request description across")
    Rel(a, d, "And a third very long request description going right")
    Rel(b, d, "Bravo also talks to Delta with a long sentence")
"""


def test_diagrams_laid_out_cleanly_have_no_overlaps() -> None:
    reports = measure_overlaps(list(CLEAN.values()))
    for name, report in zip(CLEAN, reports):
        assert report.error is None, name
        assert report.labels > 0 and report.boxes > 0, f"{name}: nothing was measured"
        assert report.count == 0, f"{name}: {report}"
        assert report.ok


def test_a_c4_row_of_long_labels_overlaps_and_the_pairs_name_the_texts(artifacts_dir: Path) -> None:
    (report,) = measure_overlaps([CROWDED_C4])
    assert report.count == len(report.pairs) > 0
    assert 0 < report.text_pairs < report.count
    # What a person sees in the screenshot (kept in test-artifacts/): the first arrow's label
    # runs over Bravo's box and its description, the second crosses Bravo and Charlie.
    assert ("Sends a very long request description across the row", "box: Bravo") in report.pairs
    assert ("Sends another very long request description across", "box: Charlie") in report.pairs
    assert ("Second system", "Sends a very long request description across the row") in report.pairs
    # Labels well apart are not reported.
    flat = {text for pair in report.pairs for text in pair}
    assert not flat & {"Long labels in one row", "Alpha", "First person", "Fourth system", "box: Alpha"}
    (png,) = render_pngs([CROWDED_C4], scale=1)
    assert png is not None
    (artifacts_dir / "overlap-crowded-c4.png").write_bytes(png)
    assert "overlaps" in str(report)


def test_a_diagram_mermaid_rejects_is_reported_not_measured() -> None:
    (report,) = measure_overlaps(["flowchart TD\n  A -->\n"])
    assert report.error and "Parse error" in report.error
    assert report.count == 0 and not report.ok
    assert str(report).startswith("not rendered")


def test_slack_must_be_a_number_of_pixels() -> None:
    with pytest.raises(ValueError):
        overlap_probe(-1)
    assert repr(DEFAULT_SLACK) in overlap_probe()


# ------------------------------------------------ exact geometry in hand-written SVG
def svg(body: str, width: int = 400, height: int = 200) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'style="font-family: sans-serif; font-size: 14px">{body}</svg>')


def node(x: int, y: int, w: int, h: int, label: str, shape: str = "") -> str:
    shape = shape or f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#eef" stroke="#000"/>'
    return f'<g class="node">{shape}<text x="{x + 8}" y="{y + h // 2 + 5}">{label}</text></g>'


def measure(*bodies: str, slack: float = DEFAULT_SLACK) -> list[OverlapReport]:
    return measure_svg_overlaps([svg(b) for b in bodies], slack=slack)


def test_text_of_one_node_over_another_node_counts_its_own_box_does_not() -> None:
    apart, crossing = measure(
        node(10, 10, 120, 40, "First") + node(200, 10, 120, 40, "Second"),
        node(10, 10, 120, 40, "First label runs far to the right") + node(150, 10, 120, 40, "Second"),
    )
    assert apart.count == 0 and apart.labels == 2 and apart.boxes == 2
    assert ("First label runs far to the right", "box: Second") in crossing.pairs
    assert ("First label runs far to the right", "Second") in crossing.pairs


def test_unowned_text_counts_when_its_centre_is_outside_the_box_and_slack_forgives_a_touch() -> None:
    box = '<g class="node"><rect x="60" y="50" width="100" height="40" fill="#eef"/></g>'
    # A label nobody owns straddling the box's left edge: its centre is outside, so it counts.
    (straddling,) = measure('<text x="10" y="75">stray words</text>' + box)
    assert straddling.pairs == [("stray words", "box: (unlabelled g.node)")]
    # Wholly inside: taken to be the box's own label (benefit of the doubt).
    assert measure('<text x="70" y="75">inside</text>' + box)[0].count == 0
    # Its glyph box reaching a pixel or so into the box from above: only without slack.
    touching = '<text x="70" y="48">above</text>' + box
    assert measure(touching)[0].count == 0
    assert measure(touching, slack=0)[0].count == 1


def test_a_diamond_is_tested_by_its_fill_not_its_bounding_box() -> None:
    diamond = ('<g class="node"><polygon points="150,20 230,100 150,180 70,100" fill="#eef"/>'
               '<text x="130" y="105">Q?</text></g>')
    corner = '<g class="edgeLabel"><text x="72" y="36">corner</text></g>'  # in the bounding box, not the fill
    middle = '<g class="edgeLabel"><text x="95" y="80">middle</text></g>'
    assert measure(diamond + corner)[0].count == 0
    assert measure(diamond + middle)[0].pairs == [("middle", "box: Q?")]


def test_an_edge_label_inside_a_box_counts_even_when_centred_in_it() -> None:
    box = node(20, 20, 200, 80, "Service")
    edge = '<g class="edgeLabel"><text x="60" y="80">calls</text></g>'
    assert measure(box + edge)[0].pairs == [("calls", "box: Service")]


def test_containers_and_strokes_are_not_boxes() -> None:
    boundary = ('<g class="cluster"><rect x="5" y="5" width="390" height="190" fill="#ffd"/>'
                '<text x="15" y="25">Boundary</text></g>')
    inner = node(40, 60, 150, 50, "Inside")
    line = '<path d="M 40 150 L 390 150" fill="none" stroke="#000"/><text x="60" y="155">over a line</text>'
    report = measure(boundary + inner + line)[0]
    assert report.count == 0
    assert report.boxes == 1  # the node; the boundary holds it, the line is a stroke


def test_text_over_text_is_counted_once_per_pair() -> None:
    report = measure('<text x="20" y="50">Hello there</text><text x="30" y="55">General</text>'
                     '<text x="20" y="150">Far away</text>')[0]
    assert report.pairs == [("Hello there", "General")]
    assert report.text_pairs == 1


def test_svg_markup_without_an_svg_is_an_error_not_a_crash() -> None:
    (report,) = measure_svg_overlaps(["<div>no drawing</div>"])
    assert report.error and "no <svg>" in report.error


def test_every_seed_diagram_is_measured(seeds_dir: Path) -> None:
    texts = [m.group(1) for path in sorted(seeds_dir.glob("*.txt"))
             for m in re.finditer(r"^```mermaid[ \t]*\n(.*?)^```", path.read_text(), re.S | re.M)]
    reports = measure_overlaps(texts)
    rendered = [r for r in reports if r.error is None]
    assert len(rendered) >= len(texts) - 2
    assert all(r.labels > 0 for r in rendered)  # every diagram type yields labels to measure
    c4 = [r for t, r in zip(texts, reports) if t.lstrip().startswith("C4")]
    assert sum(r.count > 0 for r in c4) >= len(c4) // 2  # Mermaid's C4 layout is known to crowd labels
