"""Rules about the Mermaid *text*: syntax errors, non-C4 input, and the known traps.

The parser is lenient: where real Mermaid would fail or garble a statement,
it still builds the diagram and leaves a :class:`~c4kit.mermaid.notes.SourceNote`
with a code.  Each code has one rule: here, or in :mod:`c4kit.linter.rules_mermaid`
for the two that are also checked on the diagram itself (``empty-boundary``,
``relindex-number``), so the learner gets an explanation instead of a blank cell.

What each trap does was checked against the Mermaid build the kit ships
(11.16.1): every ``error`` below either fails to render or loses text silently.
"""

from __future__ import annotations

from c4kit.linter.findings import Severity
from c4kit.linter.registry import Rule, register
from c4kit.mermaid import notes as codes

SYNTAX_ERROR = register(Rule(
    "syntax-error", Severity.ERROR,
    title="Mermaid C4 syntax error",
    message="{message}",
    why="Mermaid stops at the first statement it cannot read and draws nothing at all, so one typo hides the "
        "whole diagram.",
    fix="Look at the line and column shown and compare the statement with the Mermaid C4 syntax: a macro name, "
        'then its arguments in parentheses, text in double quotes, e.g. System(shop, "Bookshop", "Sells books").',
))

NOT_C4 = register(Rule(
    "not-c4", Severity.INFO,
    title="Not a Mermaid C4 diagram",
    message="this is {what}, not a Mermaid C4 diagram, so the C4 rules do not apply",
    why="The linter teaches the C4 model, which Mermaid draws with the diagram types C4Context, C4Container, "
        "C4Component, C4Dynamic and C4Deployment. Flowcharts, sequence diagrams and the others follow their own "
        "conventions.",
    fix="To check a C4 view, start the text with C4Context, C4Container, C4Component, C4Dynamic or C4Deployment.",
))

# Traps the parser notes in the text.  The finding's message is the parser's own note, which names the
# exact argument or character; the rule adds why it matters and how to fix it.  Severity follows one line:
# ``error`` when Mermaid fails, or silently drops or misreads something that was written; ``info`` when the
# picture is unaffected.


def _trap(rule_id: str, severity: Severity, code: str, title: str, why: str, fix: str) -> Rule:
    return register(Rule(rule_id, severity, title=title, message="{detail}", why=why, fix=fix, note_code=code))


_trap(
    "escaped-quote", Severity.ERROR, codes.ESCAPED_QUOTE,
    title="Backslash-escaped quote inside a string",
    why="A Mermaid C4 string runs from one double quote to the next and a backslash does not protect a quote. "
        "The label is cut short, the rest of the line is misread, and the diagram usually fails to render.",
    fix="Write the quote as #quot; (Mermaid draws it as \"), or use typographic quotes \u201clike this\u201d "
        "or single quotes inside the label.",
)
_trap(
    "unquoted-argument", Severity.ERROR, codes.UNQUOTED_ARGUMENT,
    title="Text argument without double quotes",
    why="Only the alias (the first argument) goes without quotes. Labels, descriptions and technologies must "
        "be quoted, otherwise Mermaid's lexer splits them at the wrong places and the diagram fails to render.",
    fix='Put every text argument in double quotes: Person(customer, "Customer", "Buys books online").',
)
_trap(
    "unquoted-named-argument", Severity.ERROR, codes.UNQUOTED_NAMED_ARGUMENT,
    title="Named argument without double quotes",
    why="Mermaid reads a named argument such as $tags, $link or $bgColor only when its value is a quoted "
        "string; an unquoted value is a lexical error, and the whole diagram fails to render.",
    fix='Quote the value: $tags="v1", $bgColor="grey", $link="https://example.org".',
)
_trap(
    "empty-named-argument", Severity.ERROR, codes.EMPTY_NAMED_ARGUMENT,
    title="Named argument with an empty value",
    why='Mermaid needs at least one character between the quotes of a named argument: $tags="" is a parse '
        "error that blanks the whole diagram.",
    fix="Leave the argument out when it has no value.",
)
_trap(
    "single-quoted-string", Severity.ERROR, codes.SINGLE_QUOTED_STRING,
    title="Single-quoted string",
    why="Mermaid C4 reads 'text' as bare words, so the statement is misread and the diagram fails to render.",
    fix='Use double quotes: Person(customer, "Customer"). An apostrophe inside a double-quoted label is fine '
        '("Customer\'s basket").',
)
_trap(
    "string-whitespace", Severity.ERROR, codes.STRING_WHITESPACE,
    title="Whitespace that shifts or breaks arguments",
    why="Mermaid's C4 lexer is strict about spaces next to quotes: a space between a closing quote and the "
        "next comma shifts every later argument by one place (the description silently disappears), a space "
        "before ) breaks the statement, and a tab before an opening quote makes the argument unquoted.",
    fix='Put the comma right after the closing quote and use plain spaces: Person(customer, "Customer", '
        '"Buys books").',
)
_trap(
    "title-special-character", Severity.ERROR, codes.TITLE_SPECIAL_CHARACTER,
    title="Title containing # or ;",
    why="A Mermaid C4 title is not quoted and ends at the first # or ; (they start comments and entity codes), "
        "so the rest of the line is a lexical error and the diagram fails, or comes out garbled.",
    fix="Write #35; for # and #59; for ; (Mermaid draws the characters), or reword the title.",
)
_trap(
    "empty-title", Severity.ERROR, codes.EMPTY_TITLE,
    title="Title line without text",
    why="Mermaid takes the title from the rest of the line, and when there is nothing there it takes the next "
        "line instead: the statement on that line becomes the title and vanishes from the diagram.",
    fix="Write the title on the same line (title Containers of the Bookshop), or delete the empty title line.",
)
_trap(
    "direction-statement", Severity.ERROR, codes.DIRECTION_STATEMENT,
    title="Direction statement in a C4 diagram",
    why="Flowcharts accept direction TB or LR, but Mermaid C4 lays boxes out in rows and has no direction "
        "statement: a line that reads like one is a parse error that leaves the diagram blank.",
    fix='Delete the line. To steer the layout, use UpdateLayoutConfig($c4ShapeInRow="3") or directed arrows '
        "such as Rel_D and Rel_R. Inside a label, write direction#32;LR.",
)
_trap(
    "trailing-comment", Severity.ERROR, codes.TRAILING_COMMENT,
    title="Comment at the end of a statement",
    why="A %% comment after a statement takes the line break with it, so Mermaid glues the next statement onto "
        "this one and the diagram fails to parse.",
    fix="Put the comment on its own line, above the statement it explains.",
)
_trap(
    "unsupported-statement", Severity.ERROR, codes.UNSUPPORTED_STATEMENT,
    title="C4-PlantUML statement that Mermaid does not know",
    why="Mermaid's C4 syntax follows C4-PlantUML but leaves part of it out (tags, legends, layout macros); a "
        "statement it does not know is a parse error that blanks the diagram. c4kit skips it so that the rest "
        "can still be checked.",
    fix="Delete the statement; for colours and shapes use UpdateElementStyle and UpdateRelStyle, which Mermaid "
        "supports.",
)
_trap(
    "unknown-named-argument", Severity.ERROR, codes.UNKNOWN_NAMED_ARGUMENT,
    title="Named argument the statement does not take",
    why="Mermaid matches named arguments by their exact name: one the statement does not expect ($tag for "
        "$tags, say) is silently ignored, and for a few keys the diagram fails to draw.",
    fix="Correct the name (the message lists the ones this statement takes), or remove the argument.",
)
_trap(
    "misplaced-named-argument", Severity.ERROR, codes.MISPLACED_NAMED_ARGUMENT,
    title="$techn, $descr or $type after the description",
    why="Mermaid understands these named arguments only in the place of the argument they stand for; written "
        "after the description they are stored in a form the renderer cannot draw, and the diagram fails.",
    fix="Put the named argument right after the label, or give the value as a positional argument.",
)
_trap(
    "too-many-arguments", Severity.ERROR, codes.TOO_MANY_ARGUMENTS,
    title="More arguments than the statement has places",
    why="Each statement has a fixed list of places (alias, label, then technology, description, sprite, tags, "
        "link as it applies); Mermaid silently ignores arguments past the last place, so their text never "
        "appears.",
    fix="Check the arguments against the statement's places; remove the extra ones or fold their text into "
        "the description.",
)
_trap(
    "layout-argument-order", Severity.ERROR, codes.LAYOUT_ARGUMENT_ORDER,
    title="UpdateLayoutConfig values out of order",
    why="Mermaid reads UpdateLayoutConfig by position, not by name: the first value is always the number of "
        "shapes per row, so the layout silently differs from the one you asked for.",
    fix='Write $c4ShapeInRow first and $c4BoundaryInRow second: UpdateLayoutConfig($c4ShapeInRow="3", '
        '$c4BoundaryInRow="1").',
)
_trap(
    "invalid-number", Severity.ERROR, codes.INVALID_NUMBER,
    title="A number Mermaid cannot use",
    why="Offsets, row counts and RelIndex take whole numbers; Mermaid silently ignores or truncates anything "
        "else, so the picture is not laid out the way the text says.",
    fix='Write a whole number in quotes: $offsetY="-20", $c4ShapeInRow="3".',
)
_trap(
    "ignored-statement", Severity.INFO, codes.IGNORED_STATEMENT,
    title="Statement c4kit does not keep",
    why="Mermaid accepts it, but a c4kit diagram has no place for it (accessibility descriptions, init "
        "directives, front matter), so it disappears when c4kit converts or re-emits the diagram.",
    fix="Keep it in the text if you need it there; choose the theme when you render, and give the title with a "
        "title line.",
)

MERMAID_TRAP = register(Rule(
    "mermaid-trap", Severity.WARNING,
    title="Something real Mermaid would not draw as written",
    message="{detail}",
    why="The parser accepted this statement, but the Mermaid that renders your notebook reads it differently, "
        "so the picture may not match the text.",
    fix="Rewrite the statement in the plain Mermaid C4 form shown in the course notebooks.",
))
