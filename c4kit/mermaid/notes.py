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
#: A title containing ``#`` or ``;``: Mermaid stops the title there (11.16.1: a lexical error, the diagram
#: fails).  Entity codes ``#35;`` and ``#59;`` draw the characters safely.
TITLE_SPECIAL_CHARACTER = "title-special-character"
#: A ``direction`` statement: a parse error in Mermaid C4.
DIRECTION_STATEMENT = "direction-statement"
#: A boundary or deployment node with ``{}`` and nothing inside: a parse error in Mermaid.
EMPTY_BOUNDARY = "empty-boundary"
#: ``RelIndex(n, ...)``: Mermaid ignores ``n`` and numbers by statement order.
RELINDEX_NUMBER = "relindex-number"
#: Single-quoted string: Mermaid C4 takes double quotes only.
SINGLE_QUOTED_STRING = "single-quoted-string"


# Further traps measured on Mermaid 11.16.1 (see c4kit/mermaid/parse.py):

#: Whitespace around a quoted string that Mermaid misreads: a space between the closing quote and the next
#: comma shifts every later argument by one (``"A" , "d"`` loses the description), before ``)`` it breaks the
#: statement, and a tab before an opening quote makes the whole argument unquoted.
STRING_WHITESPACE = "string-whitespace"
#: A ``%%`` comment after a statement on the same line: it swallows the line break, so the next statement
#: is read as part of the same line and the diagram fails.
TRAILING_COMMENT = "trailing-comment"
#: ``UpdateLayoutConfig`` named arguments out of order (or ``$c4BoundaryInRow`` alone): Mermaid reads the
#: values by position, so the first one is always the number of shapes per row.
LAYOUT_ARGUMENT_ORDER = "layout-argument-order"
#: A C4-PlantUML statement Mermaid 11 does not know (``AddElementTag``, ``SHOW_LEGEND``...): a parse error
#: in Mermaid; the parser skips it.
UNSUPPORTED_STATEMENT = "unsupported-statement"
#: Accepted by Mermaid but not kept by c4kit (``accDescr``, ``%%{init}%%`` directives, front matter).
IGNORED_STATEMENT = "ignored-statement"
#: A named argument this statement does not use (``$tag=`` for ``$tags=``): Mermaid ignores it silently
#: (or, for some keys such as ``$descr`` on a style, fails to draw).
UNKNOWN_NAMED_ARGUMENT = "unknown-named-argument"
#: ``$techn``/``$descr``/``$type`` written after the positional description: Mermaid stores it unwrapped
#: and fails to draw the diagram.
MISPLACED_NAMED_ARGUMENT = "misplaced-named-argument"
#: ``$tags=""``: Mermaid needs at least one character between the quotes of a named argument.
EMPTY_NAMED_ARGUMENT = "empty-named-argument"
#: A number Mermaid cannot use (``$offsetX="abc"``, ``$c4ShapeInRow="0"``): silently ignored or truncated.
INVALID_NUMBER = "invalid-number"
#: More arguments than the statement has places for: Mermaid ignores the extra ones.
TOO_MANY_ARGUMENTS = "too-many-arguments"
#: ``title`` with nothing after it: Mermaid takes the *next line* as the title text.
EMPTY_TITLE = "empty-title"

ALL_CODES = (
    ESCAPED_QUOTE,
    UNQUOTED_ARGUMENT,
    UNQUOTED_NAMED_ARGUMENT,
    TITLE_SPECIAL_CHARACTER,
    DIRECTION_STATEMENT,
    EMPTY_BOUNDARY,
    RELINDEX_NUMBER,
    SINGLE_QUOTED_STRING,
    STRING_WHITESPACE,
    TRAILING_COMMENT,
    LAYOUT_ARGUMENT_ORDER,
    UNSUPPORTED_STATEMENT,
    IGNORED_STATEMENT,
    UNKNOWN_NAMED_ARGUMENT,
    MISPLACED_NAMED_ARGUMENT,
    EMPTY_NAMED_ARGUMENT,
    INVALID_NUMBER,
    TOO_MANY_ARGUMENTS,
    EMPTY_TITLE,
)


@dataclass(frozen=True)
class SourceNote:
    """One trap found in Mermaid text: where it is and what the parser saw."""

    code: str
    line: int
    column: int
    message: str
    text: str = ""
