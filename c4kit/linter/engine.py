"""Running the rules: :func:`lint` on a diagram, :func:`lint_text` on Mermaid text.

Both return :class:`~c4kit.linter.findings.Findings` in a deterministic order:
by position in the source (line, then column; findings about the whole
diagram first), then errors before warnings before infos, then rule id, then
the order the rule found them in (which follows the diagram).  Nothing is
printed: the CLI and the notebook display decide how to show findings.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence

from c4kit.errors import C4Error, C4SyntaxError
from c4kit.linter import rules_mermaid, rules_practice, rules_text  # noqa: F401  (importing registers the rules)
from c4kit.linter.findings import Finding, Findings
from c4kit.linter.registry import RULES, Hit, LintContext
from c4kit.mermaid.notes import SourceNote
from c4kit.model.diagram import Diagram, DiagramKind


class LintInputError(C4Error, TypeError):
    """The linter was handed something that is not a diagram (or not text)."""


def _as_diagram(diagram: object) -> Diagram:
    if isinstance(diagram, Diagram):
        return diagram
    to_diagram = getattr(diagram, "to_diagram", None)
    if callable(to_diagram):  # a view derived from a workspace
        return to_diagram()
    if isinstance(diagram, str):
        raise LintInputError("lint() checks a Diagram or a view, and was given text",
                             hint="use c4kit.linter.lint_text(text) for Mermaid source")
    raise LintInputError(f"lint() needs a Diagram or a view, not {type(diagram).__name__}",
                         hint="pass ws.container_view(system), a Diagram, or use lint_text() for Mermaid source")


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    numbered = list(enumerate(findings))
    numbered.sort(key=lambda item: (item[1].line or 0, item[1].column or 0, item[1].severity.rank,
                                    item[1].rule_id, item[0]))
    return [f for _, f in numbered]


def lint(diagram: Diagram, *, notes: Sequence[SourceNote] = ()) -> Findings:
    """Check one diagram against every rule; ``notes`` are the parser's notes on its source text.

    ``diagram`` may also be a view derived from a workspace (``ws.container_view(shop)``).
    """
    ctx = LintContext.build(_as_diagram(diagram), notes)
    found: list[Finding] = []
    claimed: set[str] = set()
    for rule in RULES.values():
        if rule.note_code:
            claimed.add(rule.note_code)
        if rule.check is not None:
            found.extend(rule.finding(hit) for hit in rule.check(ctx))
        elif rule.note_code:
            # The parser's note names the exact argument or character: it is the message.
            found.extend(rule.finding(Hit({"detail": n.message or rule.title}, n.line, n.column))
                         for n in ctx.notes_with(rule.note_code))
    # A note code no rule knows (a newer parser): still report it rather than drop it.
    trap = RULES["mermaid-trap"]
    found.extend(trap.finding(Hit({"detail": n.message or n.code}, n.line, n.column))
                 for n in ctx.notes if n.code not in claimed)
    return Findings(_ordered(found))


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

_C4_KEYWORDS = {kind.value for kind in DiagramKind}

#: First keywords of the other Mermaid diagram types, with how to name them in a message.
_OTHER_DIAGRAMS = {
    "flowchart": "a flowchart", "flowchart-elk": "a flowchart", "graph": "a flowchart",
    "sequenceDiagram": "a sequence diagram", "classDiagram": "a class diagram", "classDiagram-v2": "a class diagram",
    "stateDiagram": "a state diagram", "stateDiagram-v2": "a state diagram",
    "erDiagram": "an entity-relationship diagram", "journey": "a user journey", "gantt": "a Gantt chart",
    "pie": "a pie chart", "gitGraph": "a git graph", "mindmap": "a mind map", "timeline": "a timeline",
    "quadrantChart": "a quadrant chart", "requirementDiagram": "a requirement diagram",
    "zenuml": "a ZenUML diagram", "info": "a Mermaid info diagram",
    "sankey": "a Sankey diagram", "sankey-beta": "a Sankey diagram", "xychart": "an XY chart",
    "xychart-beta": "an XY chart", "block": "a block diagram", "block-beta": "a block diagram",
    "packet": "a packet diagram", "packet-beta": "a packet diagram", "architecture-beta": "an architecture diagram",
    "kanban": "a kanban board", "radar-beta": "a radar chart", "treemap": "a treemap", "treemap-beta": "a treemap",
}


def diagram_keyword(text: str) -> tuple[str, int]:
    """The first word of a Mermaid text and its line, skipping front matter, comments and directives.

    Returns ``("", 1)`` for a text with no statement at all.
    """
    lines = text.splitlines()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip() == "---":  # YAML front matter: title, config
        i += 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        i += 1
    for n in range(i, len(lines)):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("%%"):
            return stripped.split()[0].rstrip(":;{"), n + 1
    return "", 1


def lint_text(text: str, *, source: str = "") -> Findings:
    """Parse Mermaid C4 text and lint it; a syntax error becomes an ``error`` finding, not an exception.

    Text of another Mermaid diagram type (a flowchart, a sequence diagram...)
    gets a single ``not-c4`` info finding.  ``source`` names the file in
    messages (``Findings.format()`` uses it).
    """
    if not isinstance(text, str):
        raise LintInputError(f"lint_text() needs Mermaid text (a str), not {type(text).__name__}",
                             hint="use c4kit.linter.lint(diagram) for a Diagram or a view")
    keyword, line = diagram_keyword(text)
    if keyword not in _C4_KEYWORDS and (not keyword or keyword in _OTHER_DIAGRAMS):
        what = _OTHER_DIAGRAMS.get(keyword, "an empty text")
        return Findings([RULES["not-c4"].finding(Hit({"what": what}, line if keyword else None))], source=source)
    parser = importlib.import_module("c4kit.mermaid.parse")
    try:
        diagram, notes = parser.parse_with_notes(text, source=source)
    except C4SyntaxError as exc:
        hit = Hit({"message": exc.message}, exc.line, exc.column, None, exc.hint)
        return Findings([RULES["syntax-error"].finding(hit)], source=source)
    except C4Error as exc:  # the parser refused the text for another reason a learner can fix
        hit = Hit({"message": exc.message}, None, None, None, exc.hint)
        return Findings([RULES["syntax-error"].finding(hit)], source=source)
    findings = lint(diagram, notes=notes)
    findings.source = source
    return findings
