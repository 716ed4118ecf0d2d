"""Source notes: things the parser accepted but real Mermaid would not draw as written.

The parser is lenient where it can be, so that a learner's diagram with a
Mermaid trap in it still loads and the linter can *explain* the trap instead
of the learner seeing a blank cell.  Each note carries a stable ``code`` that
the linter maps to one of its rules.
"""

from __future__ import annotations

from dataclasses import dataclass

#: ``\"`` inside a quoted string: Mermaid garbles the label.
ESCAPED_QUOTE = "escaped-quote"
#: The last positional argument is not quoted: Mermaid breaks the element.
UNQUOTED_ARGUMENT = "unquoted-argument"
#: A named argument (``$tags=...``) whose value is not quoted.
UNQUOTED_NAMED_ARGUMENT = "unquoted-named-argument"
#: A title containing ``#`` or ``;``: Mermaid silently drops it.
TITLE_SPECIAL_CHARACTER = "title-special-character"
#: A ``direction`` statement: a parse error in Mermaid C4.
DIRECTION_STATEMENT = "direction-statement"
#: A boundary or deployment node with ``{}`` and nothing inside: a parse error in Mermaid.
EMPTY_BOUNDARY = "empty-boundary"
#: ``RelIndex(n, ...)``: Mermaid ignores ``n`` and numbers by statement order.
RELINDEX_NUMBER = "relindex-number"
#: Single-quoted string: Mermaid C4 takes double quotes only.
SINGLE_QUOTED_STRING = "single-quoted-string"

ALL_CODES = (
    ESCAPED_QUOTE,
    UNQUOTED_ARGUMENT,
    UNQUOTED_NAMED_ARGUMENT,
    TITLE_SPECIAL_CHARACTER,
    DIRECTION_STATEMENT,
    EMPTY_BOUNDARY,
    RELINDEX_NUMBER,
    SINGLE_QUOTED_STRING,
)


@dataclass(frozen=True)
class SourceNote:
    """One trap found in Mermaid text: where it is and what the parser saw."""

    code: str
    line: int
    column: int
    message: str
    text: str = ""
