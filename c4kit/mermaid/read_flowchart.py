"""Read back the C4-styled flowcharts c4kit writes, so that a drawing can be described in words.

Most course diagrams are drawn as flowcharts (:mod:`c4kit.mermaid.emit_flowchart`),
and so is every frame of a widget.  A flowchart's source says "node", "edge" and
"subgraph", not "container" or "deployment node", so the static site could only
tell a screen reader "Flowchart: Containers of Shop".  But the flowchart c4kit
writes is a fixed dialect that keeps every C4 fact in its labels and classes:

* ``accDescr: C4 container diagram drawn as a flowchart: ...`` names the view;
* a box's label is ``<b>Name</b><br/><small>[Kind: technology]</small><br/><small>description</small>``
  and its shape is the element's (cylinder for a database, horizontal cylinder
  for a queue);
* a frame is a ``subgraph`` whose title is ``<b>Name</b> <small>[Kind]</small>``,
  and whose ``class`` line says boundary (``c4boundary``) or deployment node
  (``c4deployment``);
* an arrow's label is the relationship's label, ``<small>[technology]</small>``
  and an optional description; a dashed arrow is asynchronous, ``<-->`` both ways;
* the legend is the subgraph ``c4legend`` and is not part of the model.

:func:`read_c4_flowchart` turns such text back into a
:class:`~c4kit.model.diagram.Diagram` (aliases are the flowchart ids, layout
hints and styles are not recovered), and returns ``None`` for any other
flowchart, which keeps the generic description.  Widget overlays stay in the
labels ("Payment Service [FAILED]"), which is what the frame shows.
"""

from __future__ import annotations

import re

from c4kit.mermaid.emit_flowchart import (
    _BOUNDARY_NOUN,
    _DEPLOYMENT_CLASS,
    _EXTERNAL_NOUN,
    _INFRASTRUCTURE_NOUN,
    _KIND_NOUN,
    _LEGEND_ID,
    _PLACEHOLDERS,
)
from c4kit.model.diagram import (
    ASYNC_TAG,
    INFRASTRUCTURE_TAG,
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    Node,
    Relationship,
    RelKind,
    Shape,
)

__all__ = ["read_c4_flowchart"]

# The emitter's vocabulary, read backwards: one source, so a renamed noun cannot silently stop the reading.
_MARKER = re.compile(r"^\s*accDescr:\s*C4 (?P<kind>.+?) drawn as a flowchart\b", re.MULTILINE)
_KINDS = {kind.level_name: kind for kind in DiagramKind}
_NOUNS: dict[str, tuple[ElementKind, bool]] = {
    **{noun: (kind, False) for kind, noun in _KIND_NOUN.items()},
    **{noun: (kind, True) for kind, noun in _EXTERNAL_NOUN.items()},
}
_BOUNDARY_NOUNS = {noun: kind for kind, noun in _BOUNDARY_NOUN.items()}
_UNESCAPE = tuple((escaped, original) for original, escaped in _PLACEHOLDERS)

_ID = r"[A-Za-z0-9_]+"
_SUBGRAPH = re.compile(rf'^\s*subgraph (?P<id>{_ID}) \["(?P<label>.*)"\]\s*$')
_END = re.compile(r"^\s*end\s*$")
_NODES = (
    (re.compile(rf'^\s*(?P<id>{_ID})\[\("(?P<label>.*)"\)\]\s*$'), Shape.DB),
    (re.compile(rf'^\s*(?P<id>{_ID})@\{{ shape: h-cyl, label: "(?P<label>.*)" \}}\s*$'), Shape.QUEUE),
    (re.compile(rf'^\s*(?P<id>{_ID})@\{{ shape: cyl, label: "(?P<label>.*)" \}}\s*$'), Shape.DB),
    (re.compile(rf'^\s*(?P<id>{_ID})@\{{ shape: [a-z-]+, label: "(?P<label>.*)" \}}\s*$'), Shape.PLAIN),
    (re.compile(rf'^\s*(?P<id>{_ID})\["(?P<label>.*)"\]\s*$'), Shape.PLAIN),
    (re.compile(rf'^\s*(?P<id>{_ID})\("(?P<label>.*)"\)\s*$'), Shape.PLAIN),
)
_EDGE = re.compile(
    rf'^\s*(?P<source>{_ID}) (?:'
    rf'(?P<both>(?:<)?)(?P<line>--|-\.) "(?P<label>.*)" (?:-->|\.->)'
    rf'|(?P<bare><-->|-->|<-\.->|-\.->)'
    rf') (?P<target>{_ID})\s*$')
_CLASS = re.compile(rf"^\s*class (?P<ids>{_ID}(?:,{_ID})*) (?P<name>{_ID})\s*$")
_ENTITY = re.compile(r"#(\d+);")
_TAGS = re.compile(r"</?(?:b|i|small)>")
_BR = re.compile(r"<br\s*/?>")
_ELEMENT_LABEL = re.compile(r"<b>(?P<name>.*?)</b><br/><small>\[(?P<noun>[^:\]<]+)(?::\s*(?P<tech>.*?))?\]</small>"
                            r"(?:<br/><small>(?P<desc>.*)</small>)?", re.DOTALL)
_FRAME_LABEL = re.compile(r"<b>(?P<name>.*?)</b> <small>\[(?P<noun>.*?)\]</small>"
                          r"(?: <i><small>(?P<desc>.*)</small></i>)?", re.DOTALL)
_EDGE_DESCRIPTION = re.compile(r"(?:<br/>)?<i><small>(?P<desc>.*)</small></i>$", re.DOTALL)
_EDGE_TECHNOLOGY = re.compile(r"(?:^|<br/>)<small>\[(?P<tech>.*)\]</small>$", re.DOTALL)
_STEP = re.compile(r"^(?P<n>\d+)\.(?:\s(?P<rest>.*))?$", re.DOTALL)


def _character(code: re.Match[str]) -> str:
    """An entity code as its character; a code no character has (hand-edited text) stays as written."""
    number = int(code.group(1))
    return chr(number) if number <= 0x10FFFF else code.group(0)


def _text(fragment: str) -> str:
    """A label fragment as plain text: line breaks as spaces, formatting tags dropped, entity codes decoded.

    Tags go first: text from the model cannot hold a real tag (``escape_label`` encodes ``<``), so
    every tag in a label is the emitter's, and a ``<b>`` the author typed survives as text.
    """
    decoded = _ENTITY.sub(_character, _TAGS.sub("", _BR.sub(" ", fragment)))
    for joined, pair in _UNESCAPE:  # the word joiners escape_label put between Mermaid's placeholder pairs
        decoded = decoded.replace(joined, pair)
    return decoded.strip()


def _element(node_id: str, label: str, shape: Shape) -> Element | None:
    """The box a node label describes, or None for a label that is not c4kit's (no ``[Kind]`` line)."""
    match = _ELEMENT_LABEL.fullmatch(label)
    if not match:
        return None
    noun, technology = match.group("noun").strip(), (match.group("tech") or "").strip()
    tags = ""
    if noun == _INFRASTRUCTURE_NOUN:
        kind, external, tags = ElementKind.CONTAINER, False, INFRASTRUCTURE_TAG
    elif noun in _NOUNS:
        kind, external = _NOUNS[noun]
    else:
        return None
    return Element(node_id, _text(match.group("name")), kind, description=_text(match.group("desc") or ""),
                   technology=_text(technology), shape=shape, external=external, tags=tags)


def _frame_parts(label: str) -> tuple[str, str, str]:
    """(name, noun, description) of a subgraph title ``<b>Name</b> <small>[Noun]</small> <i>...</i>``."""
    match = _FRAME_LABEL.fullmatch(label)
    if not match:
        return _text(label), "", ""
    return _text(match.group("name")), _text(match.group("noun")), _text(match.group("desc") or "")


def _relationship(match: re.Match[str], dynamic: bool) -> Relationship:
    bare = match.group("bare")
    if bare:
        both, dashed, label = bare.startswith("<"), "." in bare, ""
    else:
        both, dashed, label = bool(match.group("both")), match.group("line") == "-.", match.group("label")
    description = technology = ""
    if found := _EDGE_DESCRIPTION.search(label):
        description, label = _text(found.group("desc")), label[:found.start()]
    if found := _EDGE_TECHNOLOGY.search(label):
        technology, label = _text(found.group("tech")), label[:found.start()]
    text, index = _text(label), None
    step = _STEP.match(text)
    if dynamic and step:
        index, text = int(step.group("n")), (step.group("rest") or "").strip()
    return Relationship(match.group("source"), match.group("target"), text, technology=technology,
                        description=description, kind=RelKind.BIREL if both else RelKind.REL, index=index,
                        tags=ASYNC_TAG if dashed else "")


def read_c4_flowchart(text: str) -> Diagram | None:
    """The diagram a c4kit flowchart draws, or ``None`` when the text is not one (see the module docstring)."""
    marker = _MARKER.search(text or "")
    if not marker or marker.group("kind") not in _KINDS:
        return None
    kind = _KINDS[marker.group("kind")]
    # accTitle holds the title exactly (escaped like a label); the front matter's copy has look-alike angle quotes.
    acc_title = re.search(r"^\s*accTitle:\s?(?P<t>.*)$", text, re.MULTILINE)
    title = _text(acc_title.group("t")) if acc_title else ""
    diagram = Diagram(kind, title)
    stack: list[tuple[str, list[Node]]] = [("", diagram.nodes)]
    frames: dict[str, tuple[str, str, str, list[Node]]] = {}
    frame_class: dict[str, str] = {}
    for line in text.splitlines():
        if match := _SUBGRAPH.match(line):
            children: list[Node] = []
            frames[match.group("id")] = (*_frame_parts(match.group("label")), children)
            stack[-1][1].append(match.group("id"))  # type: ignore[arg-type]  # replaced by the frame below
            stack.append((match.group("id"), children))
        elif _END.match(line) and len(stack) > 1:
            stack.pop()
        elif match := _EDGE.match(line):
            if not (match.group("source").startswith(_LEGEND_ID) or match.group("target").startswith(_LEGEND_ID)):
                diagram.relationships.append(_relationship(match, kind is DiagramKind.DYNAMIC))
        elif match := _CLASS.match(line):
            for node_id in match.group("ids").split(","):
                frame_class[node_id] = match.group("name")
        else:
            for pattern, shape in _NODES:
                if match := pattern.match(line):
                    element = _element(match.group("id"), match.group("label"), shape)
                    if element is not None and not stack[-1][0].startswith(_LEGEND_ID):
                        stack[-1][1].append(element)
                    break
    diagram.nodes[:] = _resolve(diagram.nodes, frames, frame_class)
    return diagram


def _resolve(nodes: list, frames: dict[str, tuple[str, str, str, list]], classes: dict[str, str]) -> list[Node]:
    """Replace the subgraph ids left in ``nodes`` by boundaries and deployment nodes (the legend dropped)."""
    out: list[Node] = []
    for node in nodes:
        if not isinstance(node, str):
            out.append(node)
            continue
        if node.startswith(_LEGEND_ID):
            continue
        name, noun, description, children = frames[node]
        inner = _resolve(children, frames, classes)
        if classes.get(node) == _DEPLOYMENT_CLASS:
            out.append(DeploymentNode(node, name, "" if noun == "Deployment Node" else noun, description,
                                      children=inner))
        elif noun in _BOUNDARY_NOUNS:
            out.append(Boundary(node, name, _BOUNDARY_NOUNS[noun], children=inner))
        else:
            out.append(Boundary(node, name, BoundaryKind.GENERIC, type=noun, children=inner))
    return out
