"""Every C4 diagram in the reference documents parses, re-emits to a fixed point, and renders.

The seeds are read at test time from ``../shared/seeds`` (never copied into
the repository); the tests skip when the folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from c4kit.mermaid.emit_c4 import emit_c4
from c4kit.mermaid.parse import parse, parse_with_notes
from c4kit.model.diagram import DiagramKind

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
_FENCE = re.compile(r"```mermaid[ \t]*\n(.*?)```", re.DOTALL)
_C4 = tuple(kind.value for kind in DiagramKind)


def _c4_fences() -> list[tuple[str, str]]:
    """(name, text) of each ```mermaid fence whose first keyword is a C4 diagram type."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        for number, match in enumerate(_FENCE.finditer(path.read_text(encoding="utf-8")), start=1):
            words = [line.split()[0] for line in match.group(1).splitlines()
                     if line.strip() and not line.strip().startswith("%%")]
            if words and words[0] in _C4:
                found.append((f"{path.stem}#{number}", match.group(1)))
    return found


@pytest.fixture(scope="module")
def seed_diagrams() -> list[tuple[str, str]]:
    if not SEEDS.is_dir():
        pytest.skip(f"the reference documents are not present at {SEEDS}")
    return _c4_fences()


def test_there_are_twenty_c4_diagrams(seed_diagrams) -> None:
    assert len(seed_diagrams) == 20


def test_every_seed_parses_without_traps(seed_diagrams) -> None:
    for name, text in seed_diagrams:
        diagram, notes = parse_with_notes(text, source=name)
        assert diagram.elements(), name
        assert notes == [], (name, notes)
        keyword = next(line.strip() for line in text.splitlines() if line.strip())
        assert diagram.kind.value == keyword


def test_every_seed_keeps_its_content(seed_diagrams) -> None:
    for name, text in seed_diagrams:
        diagram = parse(text)
        statements = [line.strip() for line in text.splitlines() if line.strip()]
        boxes = [s for s in statements if re.match(r"(Person|System|Container|Component)\w*\(", s)
                 and not re.match(r"\w*Boundary\(", s)]
        arrows = [s for s in statements if re.match(r"(Rel|BiRel|RelIndex)\w*\(", s)]
        assert len(diagram.elements()) == len(boxes), name
        assert len(diagram.relationships) == len(arrows), name


def test_emit_of_parse_is_a_fixed_point_on_every_seed(seed_diagrams) -> None:
    for name, text in seed_diagrams:
        once = emit_c4(parse(text))
        assert parse(once) == parse(text), name
        assert emit_c4(parse(once)) == once, name


@pytest.mark.browser
def test_every_reemitted_seed_renders_in_mermaid(seed_diagrams) -> None:
    from c4kit.render import render_svgs

    texts = [emit_c4(parse(text)) for _, text in seed_diagrams]
    results = render_svgs(texts)
    failed = [(name, r.error) for (name, _), r in zip(seed_diagrams, results) if not r.ok]
    assert not failed
