"""The teaching linter: what is wrong with a C4 diagram, why it matters, and how to fix it.

::

    from c4kit.linter import lint, lint_text, explain
    lint(ws.container_view(shop))          # a view or a Diagram
    lint_text(open("shop.mmd").read(), source="shop.mmd")
    explain("rel-to-boundary")

Severities: ``error`` when Mermaid fails to draw the diagram or silently drops
part of it; ``warning`` when the picture draws but goes against C4 practice;
``info`` for advice.  ``findings.ok`` is true when there are no errors and no
warnings, which is the bar every course diagram meets.

Rules are data (:data:`RULES`, id -> :class:`Rule`); the ids are readable,
stable slugs:

Text and Mermaid traps (from the parser's notes, one rule per note code)
    ``syntax-error``, ``not-c4``, ``escaped-quote``, ``unquoted-argument``,
    ``unquoted-named-argument``, ``empty-named-argument``,
    ``single-quoted-string``, ``string-whitespace``,
    ``title-special-character``, ``empty-title``, ``direction-statement``,
    ``trailing-comment``, ``unsupported-statement``,
    ``unknown-named-argument``, ``misplaced-named-argument``,
    ``too-many-arguments``, ``layout-argument-order``, ``invalid-number``,
    ``ignored-statement``, ``relindex-number``, ``empty-boundary``,
    ``mermaid-trap`` (a note code no rule knows yet)
Structure Mermaid fails on or drops
    ``rel-unknown-alias``, ``rel-to-boundary``, ``duplicate-alias``,
    ``style-unknown-element``, ``style-unknown-relationship``,
    ``relationship-overwritten``, ``steps-out-of-order``, ``empty-boundary``
C4 practice
    ``wrong-level``, ``unhosted-container``, ``unlabelled-relationship``,
    ``missing-technology``, ``technology-at-context-level``,
    ``orphan-element``, ``too-many-elements``, ``duplicate-relationship``,
    ``bidirectional-initiator``, ``bidirectional-relationship``,
    ``bidirectional-overuse``, ``self-relationship``, ``missing-title``,
    ``missing-description``, ``relationship-missing-technology``,
    ``no-scope-boundary``

``explain()`` lists them all; ``explain(rule_id)`` says why one matters.
"""

from c4kit.linter.engine import LintInputError, diagram_keyword, lint, lint_text
from c4kit.linter.findings import Finding, Findings, Severity
from c4kit.linter.registry import RULES, Hit, LintContext, Rule, UnknownRuleError, explain, get_rule, rule

__all__ = [
    "RULES", "Finding", "Findings", "Hit", "LintContext", "LintInputError", "Rule", "Severity", "UnknownRuleError",
    "diagram_keyword", "explain", "get_rule", "lint", "lint_text", "rule",
]
