"""Rules as data, and the small machinery that runs them.

A :class:`Rule` is a record: a stable id, a severity, a one-line message
template, a teaching explanation (``why``) and a generic ``fix``.  Its check is
a plain function, registered with the :func:`rule` decorator, that looks at a
prepared :class:`LintContext` and yields :class:`Hit` objects (where, about
which alias, and the values for the message template).  The rule turns hits
into :class:`~c4kit.linter.findings.Finding` objects, so every message of one
rule reads the same and the explanations live in exactly one place.

Rule ids are readable slugs (``rel-unknown-alias``), stable once published:
a learner can search for them, and exercises can refer to them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from c4kit.errors import C4Error
from c4kit.linter.findings import Finding, Severity
from c4kit.mermaid.notes import SourceNote
from c4kit.model.diagram import Boundary, DeploymentNode, Diagram, Element, Node, Relationship


class UnknownRuleError(C4Error, KeyError):
    """``explain()`` (or ``RULES[...]``) was given an id no rule has."""


@dataclass(frozen=True)
class Hit:
    """What a check found: the values for the message, and where."""

    params: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None
    column: int | None = None
    alias: str | None = None
    #: A fix specific to this case ("Did you mean 'web'?"), put before the rule's generic fix.
    hint: str = ""


Check = Callable[["LintContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One lint rule: what it reports, why it matters in C4, and how to fix it.

    ``message`` is a ``str.format`` template filled from each hit's params.
    ``note_code`` links the rule to a :class:`~c4kit.mermaid.notes.SourceNote`
    code from the parser: a rule with a note code and no check reports every
    such note as it is; a rule with both looks at the notes itself (to avoid
    reporting one trap twice, from the text and from the diagram).
    """

    id: str
    severity: Severity
    title: str
    message: str
    why: str
    fix: str
    note_code: str | None = None
    check: Check | None = field(default=None, compare=False, repr=False)

    def finding(self, hit: Hit) -> Finding:
        """Turn one hit into a finding, filling the message template."""
        fix = f"{hit.hint} {self.fix}" if hit.hint else self.fix
        return Finding(self.id, self.severity, self.message.format(**hit.params), self.why, fix,
                       hit.line, hit.column, hit.alias)

    def explain(self) -> str:
        """A few lines for a learner: the rule, why it matters, how to fix it."""
        return (f"{self.id} ({self.severity.value}): {self.title}\n\n"
                f"Why it matters: {self.why}\n\n"
                f"How to fix it: {self.fix}")

    def _repr_markdown_(self) -> str:
        return (f"**`{self.id}`** ({self.severity.value}): {self.title}\n\n"
                f"*Why it matters:* {self.why}\n\n*How to fix it:* {self.fix}")


_RULES: dict[str, Rule] = {}
#: Every rule, by id, in registration order (diagram structure, C4 practice, then text-only rules).
RULES: Mapping[str, Rule] = MappingProxyType(_RULES)


def register(new: Rule) -> Rule:
    """Add a rule to the registry; ids must be unique (a duplicate is a bug)."""
    if new.id in _RULES:
        raise ValueError(f"lint rule {new.id!r} is registered twice")
    _RULES[new.id] = new
    return new


def rule(id: str, severity: Severity, *, title: str, message: str, why: str, fix: str,
         note_code: str | None = None) -> Callable[[Check], Check]:
    """Decorator: register the decorated check function as the body of a rule."""

    def decorate(check: Check) -> Check:
        register(Rule(id, severity, title, message, why, fix, note_code, check))
        return check

    return decorate


def get_rule(rule_id: str) -> Rule:
    """The rule with this id, or an error that suggests the closest ids."""
    try:
        return _RULES[rule_id]
    except KeyError:
        close = difflib.get_close_matches(str(rule_id), list(_RULES), n=3)
        hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else "see c4kit.linter.RULES for all ids"
        raise UnknownRuleError(f"there is no lint rule {rule_id!r}", hint=hint) from None


def explain(rule_id: str | None = None) -> str:
    """Why a rule exists and how to satisfy it, as plain text; without an id, one line per rule."""
    if rule_id is None:
        width = max(len(r.id) for r in _RULES.values())
        return "\n".join(f"{r.id:<{width}}  {r.severity.value:<7}  {r.title}" for r in _RULES.values())
    return get_rule(rule_id).explain()


# ---------------------------------------------------------------------------
# The context every check receives
# ---------------------------------------------------------------------------

Frame = Boundary | DeploymentNode


@dataclass
class LintContext:
    """A diagram prepared once for all rules: the walk, an alias index, the notes.

    ``index`` maps each alias to the *first* node that declares it (duplicates
    are the business of one rule, the others should not trip over them).
    """

    diagram: Diagram
    notes: tuple[SourceNote, ...]
    walk: list[tuple[Node, tuple[Frame, ...]]]
    index: dict[str, Node]

    @classmethod
    def build(cls, diagram: Diagram, notes: Iterable[SourceNote] = ()) -> LintContext:
        walk = list(diagram.walk())
        index: dict[str, Node] = {}
        for node, _ in walk:
            index.setdefault(node.alias, node)
        return cls(diagram, tuple(notes), walk, index)

    # ----------------------------------------------------------------- views
    @property
    def elements(self) -> list[Element]:
        """Every box, in drawing order (duplicates included)."""
        return [n for n, _ in self.walk if isinstance(n, Element)]

    @property
    def frames(self) -> list[Frame]:
        """Every boundary and deployment node, outermost first."""
        return [n for n, _ in self.walk if isinstance(n, (Boundary, DeploymentNode))]

    @property
    def relationships(self) -> list[Relationship]:
        return self.diagram.relationships

    def element(self, alias: str) -> Element | None:
        """The box with this alias, or ``None`` (for a boundary or an unknown alias)."""
        node = self.index.get(alias)
        return node if isinstance(node, Element) else None

    def notes_with(self, code: str) -> Iterator[SourceNote]:
        return (n for n in self.notes if n.code == code)

    # --------------------------------------------------------------- wording
    @staticmethod
    def describe(node: Node) -> str:
        """How messages name a node: ``'Payment Service' (payment)``."""
        return f"'{node.label}' ({node.alias})" if node.label and node.label != node.alias else f"'{node.alias}'"

    def name(self, alias: str) -> str:
        """The node with this alias as messages name it, or just ``'alias'`` when nothing declares it."""
        node = self.index.get(alias)
        return self.describe(node) if node is not None else f"'{alias}'"

    def suggest(self, alias: str, *, elements_only: bool = True) -> str:
        """``"Did you mean 'web'?"`` when a declared alias is close to ``alias``, else ``""``."""
        pool = [a for a, n in self.index.items() if isinstance(n, Element) or not elements_only]
        # Case slips ("Web" for "web") are the commonest typo: catch them before fuzzy matching.
        same_case = [a for a in pool if a.lower() == alias.lower()]
        close = same_case or difflib.get_close_matches(alias, pool, n=1, cutoff=0.6)
        return f"Did you mean {self.name(close[0])}?" if close else ""

    # ------------------------------------------------------------- positions
    @staticmethod
    def at(item: object | None, *, alias: str | None = None, hint: str = "", column: int | None = None,
           **params: Any) -> Hit:
        """A hit positioned on ``item`` (a node, relationship or style; its line when it came from text).

        ``alias`` defaults to the item's alias, or the source of an arrow.
        """
        line = getattr(item, "line", None)
        if alias is None:
            alias = getattr(item, "alias", None) or getattr(item, "source", None)
        return Hit(params, line, column, alias, hint)
