"""Small builders for the code level: class, state and sequence diagrams.

C4's fourth level is ordinary UML drawn with Mermaid.  Writing that Mermaid
by hand has traps a learner should not have to know: ``:`` ends a state
note's text or a class relation's label, ``;`` ends a sequence message, ``#``
starts an entity code, ``"`` and ``<`` break labels.  The builders escape
every label with Mermaid's entity codes (``#58;``, ``#59;``, ``#quot;`` ...),
which every diagram type decodes, and choose safe ids themselves, so any text
a learner types comes out drawn as typed.

They are deliberately small: the statements the course uses, each correct.
For anything else, write Mermaid and wrap it in :class:`MermaidText`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from typing import Any

from c4kit.display.raw import MermaidText
from c4kit.errors import C4ModelError

_ENTITIES = {"#": "#35;", ";": "#59;", ":": "#58;", '"': "#quot;", "<": "#lt;", ">": "#gt;",
             "{": "#123;", "}": "#125;", "%": "#37;"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_CLASS_NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(~[A-Za-z0-9_, ]+~)?\Z")
_CARDINALITY = re.compile(r"[A-Za-z0-9_.* -]*\Z")
_DIRECTIONS = ("TB", "BT", "LR", "RL")


def escape_label(text: str, *, keep: str = "") -> str:
    """``text`` safe as a label in any Mermaid diagram: entity codes for special characters, ``<br/>`` for newlines.

    ``keep`` lists characters to leave alone (class members keep ``~`` for generics).
    """
    if not isinstance(text, str):
        raise C4ModelError(f"a label must be text, got {type(text).__name__}", hint="pass a str")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join("".join(c if c in keep else _ENTITIES.get(c, c) for c in line) for line in lines)


def _front_matter(title: str) -> list[str]:
    # JSON is valid YAML, so any title is quoted correctly.  (Mermaid 11 draws it as typed, except that
    # a title holding both "&" and an HTML-like tag shows "&amp;": a Mermaid quirk, no escape avoids it.)
    return ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---"] if title else []


class _CodeDiagram:
    """What the three builders share: a title, display, save, and the text."""

    keyword = ""

    def __init__(self, title: str = "") -> None:
        if not isinstance(title, str):
            raise C4ModelError(f"a title must be text, got {type(title).__name__}")
        self.title = title
        self._ids: set[str] = set()

    def _body(self) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _head(self) -> list[str]:
        return _front_matter(self.title)

    def to_mermaid(self) -> str:
        """The Mermaid text (deterministic: same calls, same bytes)."""
        return "\n".join([*self._head(), *self._body()]) + "\n"

    def to_text(self) -> MermaidText:
        """The diagram as a checked :class:`MermaidText`."""
        return MermaidText(self.to_mermaid(), title=self.title, lint=False)

    def save(self, path: str | PathLike[str], **options: Any) -> None:
        """Write ``.mmd``, ``.svg``, ``.png`` or ``.html`` (see ``c4kit.render.save``)."""
        self.to_text().save(path, **options)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from c4kit.display.bundle import mimebundle_for

        return mimebundle_for(self)

    def __str__(self) -> str:
        return self.to_mermaid()

    def _new_id(self, text: str, prefix: str, reserved: frozenset[str] = frozenset()) -> str:
        """A readable, unique, keyword-safe id derived from a label."""
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        base = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_")[:30]
        if not base or base[0].isdigit() or base.lower() in reserved:
            base = f"{prefix}_{base}" if base else prefix
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}_{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def _known(self, ref: str, what: str, call: str) -> str:
        if ref not in self._ids:
            known = ", ".join(sorted(self._ids)) or "none yet"
            raise C4ModelError(f"no {what} with id {ref!r} in this diagram (known: {known})",
                               hint=f"use the id that {call}() returned")
        return ref


# ------------------------------------------------------------------------ sequence
_SEQUENCE_KEYWORDS = frozenset({
    "end", "loop", "alt", "else", "opt", "par", "and", "rect", "critical", "break", "box", "note", "over",
    "participant", "actor", "activate", "deactivate", "autonumber", "title", "link", "links", "create",
    "destroy", "left", "right", "of", "as", "option",
})
_ARROWS = {"sync": "->>", "reply": "-->>", "async": "-)", "lost": "-x"}
_BLOCKS = ("loop", "opt", "alt", "par", "critical", "break")


class SequenceDiagram(_CodeDiagram):
    """A sequence diagram: participants, messages, notes and blocks.

    >>> sd = SequenceDiagram("Checkout")
    >>> user, api = sd.participant("Customer", actor=True), sd.participant("Orders API")
    >>> sd.message(user, api, "POST /orders: 2 items; pay now")
    >>> print(sd.to_mermaid().splitlines()[-1])
      Customer->>Orders_API: POST /orders#58; 2 items#59; pay now
    """

    keyword = "sequenceDiagram"

    def __init__(self, title: str = "", *, autonumber: bool = False) -> None:
        super().__init__(title)
        self.autonumber = autonumber
        self._lines: list[str] = []
        self._participants: list[str] = []
        self._depth = 1

    def participant(self, name: str, *, actor: bool = False) -> str:
        """Declare a participant (drawn in declaration order); returns its id for messages."""
        pid = self._new_id(name, "p", _SEQUENCE_KEYWORDS)
        self._participants.append(f"  {'actor' if actor else 'participant'} {pid} as {escape_label(name)}")
        return pid

    def message(self, source: str, target: str, text: str = "", *, kind: str = "sync") -> None:
        """An arrow: ``sync`` (solid, filled head), ``reply`` (dashed), ``async`` (open head) or ``lost`` (cross)."""
        if kind not in _ARROWS:
            raise C4ModelError(f"unknown message kind {kind!r}", hint=f"use one of: {', '.join(_ARROWS)}")
        ends = [self._known(ref, "participant", "participant") for ref in (source, target)]
        self._emit(f"{ends[0]}{_ARROWS[kind]}{ends[1]}: {escape_label(text)}")

    def note(self, over: str | Sequence[str], text: str, *, side: str = "over") -> None:
        """A note over one or two participants, or ``side="left of"`` / ``"right of"`` one."""
        refs = [over] if isinstance(over, str) else list(over)
        if side not in ("over", "left of", "right of") or not 1 <= len(refs) <= (2 if side == "over" else 1):
            raise C4ModelError("a note goes over one or two participants, or left of / right of one",
                               hint='e.g. note(api, "checks stock") or note((user, api), "TLS")')
        where = ",".join(self._known(r, "participant", "participant") for r in refs)
        self._emit(f"Note {side} {where}: {escape_label(text)}")

    @contextmanager
    def block(self, kind: str, text: str = "") -> Iterator[SequenceDiagram]:
        """``with sd.block("loop", "every minute"):`` ... (also opt, alt, par, critical, break)."""
        if kind not in _BLOCKS:
            raise C4ModelError(f"unknown block {kind!r}", hint=f"use one of: {', '.join(_BLOCKS)}")
        self._emit(f"{kind} {escape_label(text)}".rstrip())
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            self._emit("end")

    def otherwise(self, text: str = "") -> None:
        """Start the next branch of the enclosing ``alt`` (``else``) block."""
        self._emit(f"else {escape_label(text)}".rstrip(), dedent=True)

    def also(self, text: str = "") -> None:
        """Start the next branch of the enclosing ``par`` (``and``) block."""
        self._emit(f"and {escape_label(text)}".rstrip(), dedent=True)

    def _emit(self, line: str, *, dedent: bool = False) -> None:
        self._lines.append("  " * (self._depth - (1 if dedent else 0)) + line)

    def _head(self) -> list[str]:
        return []  # sequence diagrams have a title statement that takes entity codes, so any title works

    def _body(self) -> list[str]:
        head = [self.keyword] + ([f"  title {escape_label(self.title)}"] if self.title else [])
        return head + (["  autonumber"] if self.autonumber else []) + self._participants + self._lines


# --------------------------------------------------------------------------- state
_STATE_KEYWORDS = frozenset({"state", "note", "end", "direction", "as", "classdef", "class", "style"})


class StateDiagram(_CodeDiagram):
    """A state diagram (``stateDiagram-v2``); ``START`` / ``END`` are the initial and final pseudo-states.

    >>> st = StateDiagram()
    >>> open_, paid = st.state("Open"), st.state("Paid: waiting for shipping")
    >>> st.transition(st.START, open_); st.transition(open_, paid, "pay")
    >>> print(st.to_mermaid())
    stateDiagram-v2
      state "Open" as Open
      state "Paid#58; waiting for shipping" as Paid_waiting_for_shipping
      [*] --> Open
      Open --> Paid_waiting_for_shipping : pay
    <BLANKLINE>
    """

    keyword = "stateDiagram-v2"
    START = END = "[*]"

    def __init__(self, title: str = "", *, direction: str | None = None) -> None:
        super().__init__(title)
        if direction is not None and direction not in _DIRECTIONS:
            raise C4ModelError(f"unknown direction {direction!r}", hint=f"use one of: {', '.join(_DIRECTIONS)}")
        self.direction = direction
        self._states: list[str] = []
        self._lines: list[str] = []

    def state(self, name: str, *, description: str = "") -> str:
        """Declare a state named ``name`` (any text); returns its id for transitions."""
        sid = self._new_id(name, "s", _STATE_KEYWORDS)
        self._states.append(f'  state "{escape_label(name)}" as {sid}')
        if description:
            self._states.append(f"  {sid} : {escape_label(description)}")
        return sid

    def transition(self, source: str, target: str, text: str = "") -> None:
        """An arrow between states (``START`` / ``END`` included), with an optional event label."""
        ends = [ref if ref == self.START else self._known(ref, "state", "state") for ref in (source, target)]
        self._lines.append(f"  {ends[0]} --> {ends[1]}" + (f" : {escape_label(text)}" if text else ""))

    def note(self, state: str, text: str, *, side: str = "right") -> None:
        """A note to the ``right`` or ``left`` of a state."""
        if side not in ("right", "left"):
            raise C4ModelError(f"a note goes right or left of a state, not {side!r}")
        self._lines.append(f"  note {side} of {self._known(state, 'state', 'state')} : {escape_label(text)}")

    def _body(self) -> list[str]:
        head = [self.keyword] + ([f"  direction {self.direction}"] if self.direction else [])
        return head + self._states + self._lines


# --------------------------------------------------------------------------- class
_RELATIONS = {
    "inheritance": "--|>", "realization": "..|>", "composition": "*--", "aggregation": "o--",
    "association": "-->", "dependency": "..>", "link": "--", "dashed": "..",
}


class ClassDiagram(_CodeDiagram):
    """A class diagram.  Class names are code identifiers (``Order``, ``Repository~T~``); members are free text.

    >>> cd = ClassDiagram()
    >>> repo = cd.add_class("Repository~T~", annotation="interface", members=["+find(id) T"])
    >>> sql = cd.add_class("SqlRepository")
    >>> cd.relate(sql, repo, "realization")
    >>> print(cd.to_mermaid().splitlines()[-1])
      SqlRepository ..|> Repository
    """

    keyword = "classDiagram"

    def __init__(self, title: str = "", *, direction: str | None = None) -> None:
        super().__init__(title)
        if direction is not None and direction not in _DIRECTIONS:
            raise C4ModelError(f"unknown direction {direction!r}", hint=f"use one of: {', '.join(_DIRECTIONS)}")
        self.direction = direction
        self._classes: list[str] = []
        self._lines: list[str] = []

    def add_class(self, name: str, *, members: Sequence[str] = (), annotation: str = "", label: str = "") -> str:
        """Declare class ``name``; returns its id (the name without generics) for relations."""
        match = _CLASS_NAME.match(name) if isinstance(name, str) else None
        if match is None:
            raise C4ModelError(f"{name!r} is not a class name Mermaid accepts",
                               hint="use a code identifier, optionally generic (Order, Repository~T~); "
                               "put free text in label=")
        cid = match.group(1)
        if cid in self._ids:
            raise C4ModelError(f"class {cid!r} is declared twice", hint="declare each class once, with all members")
        if annotation and not re.fullmatch(r"[A-Za-z][\w ]*", annotation):
            raise C4ModelError(f"annotation {annotation!r} must be a word such as interface or abstract")
        self._ids.add(cid)
        head = f"  class {name}" + (f'["{escape_label(label)}"]' if label else "")
        body = [f"    <<{annotation}>>"] if annotation else []
        body += [f"    {escape_label(member, keep='~$*')}" for member in members]
        self._classes.extend([head + " {", *body, "  }"] if body else [head])
        return cid

    def relate(self, source: str, target: str, kind: str = "association", *, text: str = "",
               cardinality: tuple[str, str] = ("", "")) -> None:
        """``source`` relates to ``target``: e.g. ``relate(dog, animal, "inheritance")``, ``relate(order, line,
        "composition", cardinality=("1", "1..*"))``."""
        if kind not in _RELATIONS:
            raise C4ModelError(f"unknown relation {kind!r}", hint=f"use one of: {', '.join(_RELATIONS)}")
        for value in cardinality:
            if not _CARDINALITY.match(value):
                raise C4ModelError(f"cardinality {value!r} may hold letters, digits, '.', '*' and spaces only",
                                   hint='e.g. "1", "0..1", "1..*", "many"')
        left = f' "{cardinality[0]}"' if cardinality[0] else ""
        right = f'"{cardinality[1]}" ' if cardinality[1] else ""
        line = (f"  {self._known(source, 'class', 'add_class')}{left} {_RELATIONS[kind]} {right}"
                f"{self._known(target, 'class', 'add_class')}")
        self._lines.append(line + (f" : {escape_label(text)}" if text else ""))

    def _body(self) -> list[str]:
        head = [self.keyword] + ([f"  direction {self.direction}"] if self.direction else [])
        return head + self._classes + self._lines
