"""Mermaid C4 string escaping, shared by the emitter (encode) and the parser (decode).

Mermaid C4 strings have no escape character: a string runs from one double
quote to the next.  What makes hostile text safe is Mermaid's *entity code*
syntax, ``#name;`` or ``#123;``: before any diagram is lexed, Mermaid swaps
every ``#word;`` for a placeholder (``ﬂ°word¶ß``), and after rendering turns
the placeholders in the SVG back into HTML entities (``&word;``), which the
browser shows as the character.  So ``#quot;`` inside a label draws ``"``,
and, because the placeholder contains no ``#`` and no ``;``, entity codes also
survive in titles.  Entities are invertible, so the parser can give back
exactly the text the emitter was given.

Measured on Mermaid 11.16.1 (the version JupyterLab bundles), every entry
checked in real Mermaid by ``tests/test_emit_c4.py`` (browser tests):

Labels, descriptions, technologies, types and named values (``$tags="..."``):

=======================  ==================  =================================================================
character / sequence      we emit             why
=======================  ==================  =================================================================
``"``                     ``#quot;``          ends the string; ``\\"`` is not an escape (the label is garbled).
                                              A title is not quoted and keeps ``"`` as it is
newline                   ``<br/>``           a raw newline is legal inside a string but draws as a space;
                                              ``<br/>`` (any case, ``<br>``, ``<br />``) is a real line break
carriage return           ``<br/>``           Mermaid turns ``\\r\\n`` and ``\\r`` into ``\\n`` first
                                              (not invertible: the parser gives ``\\n``)
literal ``<br>`` text     ``#lt;br>``         otherwise it would become a line break
``#`` before ``word;``    ``#35;``            ``#word;`` is an entity code: ``#1;`` would draw U+0001,
                                              ``#tag;`` would draw ``&tag;``; a lone ``#`` is kept
``<`` + letter/digit,     ``#lt;``            Mermaid's pre-pass rewrites ``<tag ...="..."...>`` across the
no ``>`` later in string                      whole text, swallowing quotes of later statements; with a ``>``
                                              later in the same string (``List<String>``) the match stays
                                              inside the string and is harmless, so ``<`` is kept there
``:`` on a line that      ``#58;``            a line matching ``style.*:\\S*#.*;`` (or ``classDef``) loses its
matches the rule                              last ``;``: every colon of such a line is encoded (line-level,
                                              see :func:`defuse_line`), other colons are kept
``%%{``                   ``#37;%{``          ``%%{...}%%`` is a directive anywhere in the text and is cut out
``direction<ws>LR``       ``direction#32;LR`` a line containing ``direction TB|BT|RL|LR`` is read as a
(also TB, BT, RL)                             direction statement, whole line, which is a parse error
``ﬂ°`` and ``¶ß``         ``#64258;°``,       they are the entity placeholders themselves: ``x¶ßy`` would
                          ``#182;ß``          draw ``x;y``
U+2028, U+2029            ``#8232;``,         JavaScript treats them as line ends, so a following ``%%``
                          ``#8233;``          would start a comment
C0 controls except tab    U+FFFD              cannot appear in SVG/XML text (Mermaid draws NUL as U+FFFD);
and newline, U+FFFE/FFFF                      not invertible, so hypothesis strategies leave them out
``'`` ``,`` ``(`` ``)``   unchanged           harmless inside a double-quoted string
``{`` ``}`` ``&`` ``>``
``\\`` ``$`` ``=`` ``;``
tab, emoji, any script
=======================  ==================  =================================================================

Mermaid trims every argument (JavaScript ``trim()``, so spaces, tabs, U+00A0,
U+FEFF...), so whitespace at either end of a text is not drawn and is not
written; line breaks at the ends are kept (``<br/>`` is not whitespace).  This
is not invertible, and the hypothesis strategies generate trimmed texts.  An
empty named value ``$tags=""`` is a parse error, so empty named values are
left out.

Titles (``title ...``) are not quoted and go through Mermaid's text sanitizer,
so on top of the table above (``<br/>`` excepted):

==============  ================  ================================================================
character        we emit           why
==============  ================  ================================================================
``#``            ``#35;``          a raw ``#`` is a lexical error (the title token stops there)
``;``            ``#59;``          same as ``#``
``&``            ``#amp;``         the sanitizer shows a raw ``&`` as ``&amp;``
``<``            ``#lt;``          the sanitizer removes markup such as ``<script>`` or event
                                   attributes, and shows ``<br/>`` as text
newline          a space           a title is one line and ``<br/>`` is shown literally
                                   (not invertible: titles keep no newlines)
==============  ================  ================================================================

Titles are stripped: Mermaid keeps neither leading nor trailing space visibly.
"""

from __future__ import annotations

import html
import re

#: JavaScript's ``\\s`` (what Mermaid's regular expressions call whitespace).
JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                "\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS = re.escape(JS_WHITESPACE)
#: JavaScript's ``\\w`` without the ``u`` flag: ASCII only.
_WORD = "A-Za-z0-9_"

#: Characters that XML 1.0 (and so SVG) cannot hold, even as character references.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Mermaid's line-break pattern (``common.lineBreakRegex``).
_BR = re.compile(rf"<br[{_WS}]*/?>", re.IGNORECASE)
#: A line that Mermaid's lexer reads as a ``direction`` statement, wherever the words are.
DIRECTION_IN_LINE = re.compile(rf"direction([{_WS}]+)(?:TB|BT|RL|LR)")
_ENTITY_AHEAD = re.compile(rf"[{_WORD}]+;")
_BR_AHEAD = re.compile(rf"br[{_WS}]*/?>", re.IGNORECASE)
_WORD_CHAR = re.compile(rf"[{_WORD}]")
#: Mermaid's entity placeholders are ``ﬂ°name¶ß`` / ``ﬂ°°123¶ß``: these pairs must never appear as written.
_PLACEHOLDER_STARTS = {"\ufb02": "\u00b0", "\u00b6": "\u00df"}
#: Texts without any of these need no encoding at all (the common case, kept fast).
_STRING_WORK = re.compile("[\"\r\n#<%\ufb02\u00b6\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
                          "|direction")
_TITLE_WORK = re.compile("[;&" + _STRING_WORK.pattern[1:])
#: What the parser decodes: line breaks and entity codes, in one left-to-right pass.
_DECODE = re.compile(rf"(?P<br><br[{_WS}]*/?>)|#(?P<entity>[{_WORD}]+);", re.IGNORECASE)
_ENTITY = re.compile(rf"#(?P<entity>[{_WORD}]+);")
_LINE_ENDS = re.compile("\r\n?|[\n\u2028\u2029]")
#: HTML maps these numeric references to Windows-1252 characters (as browsers do).
_CP1252 = {
    0x80: "\u20ac", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020", 0x87: "\u2021",
    0x88: "\u02c6", 0x89: "\u2030", 0x8A: "\u0160", 0x8B: "\u2039", 0x8C: "\u0152", 0x8E: "\u017d", 0x91: "\u2018",
    0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc",
    0x99: "\u2122", 0x9A: "\u0161", 0x9B: "\u203a", 0x9C: "\u0153", 0x9E: "\u017e", 0x9F: "\u0178",
}


def js_strip(text: str) -> str:
    """Strip whitespace the way JavaScript's ``trim()`` does (Mermaid trims with it)."""
    return text.strip(JS_WHITESPACE)


#: Whitespace Mermaid trims from the ends of an argument and that we would write as itself; line ends are
#: written as ``<br/>`` or entity codes, which Mermaid does not trim.
_TRIMMED = "".join(ch for ch in JS_WHITESPACE if ch not in "\r\n\u2028\u2029")


def trim_ends(text: str) -> str:
    """What Mermaid keeps of ``text`` as an argument: without whitespace at the ends (line breaks stay)."""
    return text.strip(_TRIMMED)


def _entity(char: str) -> str:
    return f"#{ord(char)};"


def _encode(text: str, *, title: bool) -> str:
    """Character-by-character encoding; see the module docstring for the table."""
    if not (_TITLE_WORK if title else _STRING_WORK).search(text):
        return text
    defused = {m.start(1) for m in DIRECTION_IN_LINE.finditer(text)}
    last_gt = text.rfind(">")
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\r\n\u2028\u2029" and title:
            out.append(" ")
            if ch == "\r" and text.startswith("\n", i + 1):
                i += 1
        elif ch == "\r" or ch == "\n":
            out.append("<br/>")
            if ch == "\r" and text.startswith("\n", i + 1):
                i += 1
        elif ch == '"' and not title:
            out.append("#quot;")
        elif ch == "#" and (title or _ENTITY_AHEAD.match(text, i + 1)):
            out.append("#35;")
        elif ch == ";" and title:
            out.append("#59;")
        elif ch == "&" and title:
            out.append("#amp;")
        elif ch == "<" and (title or _BR_AHEAD.match(text, i + 1) or (_WORD_CHAR.match(text, i + 1) and last_gt < i)):
            out.append("#lt;")
        elif ch == "%" and text.startswith("%{", i + 1):
            out.append("#37;")
        elif ch in _PLACEHOLDER_STARTS and text.startswith(_PLACEHOLDER_STARTS[ch], i + 1):
            out.append(_entity(ch))
        elif _XML_ILLEGAL.match(ch):
            out.append("\ufffd")
        elif ch in "\u2028\u2029" or i in defused:
            out.append(_entity(ch))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


#: Mermaid deletes the last ``;`` of every line this matches (its ``encodeEntities`` pre-pass).
_STRIPS_SEMICOLON = re.compile(rf"(?:style|classDef).*:[^{_WS}]*#.*;")


def defuse_line(line: str) -> str:
    """Make one finished line of emitted text safe from Mermaid's ``style...:...#...;`` rule.

    Mermaid removes the last ``;`` of any line matching ``style.*:\\S*#.*;``
    (or ``classDef...``), which can cut an entity code or a label.  Such a
    line gets every ``:`` written as ``#58;``; then the pattern cannot match.
    Only call this on lines whose colons all sit inside strings or the title,
    which is true of everything the emitter writes (aliases and keywords
    hold no colon).
    """
    return line.replace(":", "#58;") if _STRIPS_SEMICOLON.search(line) else line


def encode_string(text: str) -> str:
    """The inside of a double-quoted Mermaid C4 string that draws ``text`` (ends trimmed, as Mermaid does)."""
    return _encode(trim_ends(text), title=False)


def encode_named_value(text: str) -> str:
    """The inside of ``$key="..."``: trimmed and encoded; may be empty (then leave the argument out)."""
    return _encode(trim_ends(text), title=False)


def encode_title(text: str) -> str:
    """What follows ``title `` so that Mermaid shows ``text`` (one line, stripped)."""
    one_line = _LINE_ENDS.sub(" ", text)
    return _encode(js_strip(one_line), title=True)


def decode_entity(name: str) -> str:
    """What the browser shows for Mermaid's ``#name;`` (``&name;`` / ``&#123;`` in HTML)."""
    if name.isdigit() and name.isascii():
        if len(name) > 8:
            return "\ufffd"
        code = int(name)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return _CP1252.get(code, chr(code))
    # Named references follow HTML's rules, including the legacy ones without a
    # semicolon ("&notit;" shows "¬it;"); an unknown name stays visible as "&name;".
    return html.unescape(f"&{name};")


def decode_string(raw: str) -> str:
    """The text a quoted string (or bare argument) draws: entities and ``<br>`` decoded."""
    if "#" not in raw and "<" not in raw:
        return raw
    return _DECODE.sub(lambda m: "\n" if m.group("br") else decode_entity(m.group("entity")), raw)


def decode_title(raw: str) -> str:
    """The title Mermaid draws: entities decoded, stripped; ``<br>`` stays literal text."""
    text = _ENTITY.sub(lambda m: decode_entity(m.group("entity")), raw) if "#" in raw else raw
    return js_strip(text)


def split_lines(text: str) -> list[str]:
    """Split source text into lines the way Mermaid does (``\\r\\n`` and ``\\r`` are line ends)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def has_line_break_tag(text: str) -> bool:
    """Whether ``text`` contains a Mermaid line-break tag (``<br>``, ``<br/>``, ``<BR />``)."""
    return _BR.search(text) is not None
