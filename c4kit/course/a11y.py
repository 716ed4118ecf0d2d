"""Text alternatives for diagrams: what a screen reader says, and the "diagram as text" block.

An SVG of boxes and arrows says nothing to someone who cannot see it, and a
search engine or a text-only reader cannot use it either.  For C4 diagrams the
meaning is structured, so it is *generated* from the parsed model rather than
written by hand (one source of truth: change the diagram, the text follows):

* a short name and summary (kind, title, how many elements and relationships)
  for the SVG's ``<title>`` and ``<desc>``;
* the elements with their kind, technology and description, what each
  boundary or deployment node contains, and every relationship as a sentence
  ("Customer browses and buys books using Bookshop [HTTPS]").

The flowcharts c4kit draws from a model are read back into that model first
(:mod:`c4kit.mermaid.read_flowchart`), so they are described the same way.
Other Mermaid (hand-written flowcharts, sequence and class diagrams) gets a
generic name and its source, which is readable text already.  So does C4 text the parser
rejects (the renderer is the judge of validity, not this module).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html import escape

from c4kit.course.diagrams import is_c4
from c4kit.model.diagram import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    Relationship,
    RelKind,
    Shape,
)

#: A relationship label ending in one of these reads naturally with the target after it
#: ("Reads from and writes to" + "Database").
PREPOSITIONS = frozenset({"to", "from", "using", "with", "via", "into", "onto", "on", "at", "for", "through", "of",
                          "in", "by", "over", "against", "about", "towards"})
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_KNOWN_TYPES = {
    "flowchart": "Flowchart", "graph": "Flowchart", "sequenceDiagram": "Sequence diagram",
    "classDiagram": "Class diagram", "stateDiagram": "State diagram", "stateDiagram-v2": "State diagram",
    "erDiagram": "Entity-relationship diagram", "gantt": "Gantt chart", "journey": "User journey",
    "mindmap": "Mind map", "timeline": "Timeline", "pie": "Pie chart", "gitGraph": "Git graph",
    "architecture-beta": "Architecture diagram", "block-beta": "Block diagram", "quadrantChart": "Quadrant chart",
}


@dataclass(frozen=True)
class TextAlternative:
    """Everything a non-visual reader needs about one diagram."""

    title: str  #: short accessible name ("Container diagram: Bookshop")
    summary: str  #: one or two sentences (the SVG's <desc>)
    sections: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())  #: (heading, lines)
    source: str = ""  #: the Mermaid text
    structured: bool = False  #: True when generated from a parsed C4 model

    def details_html(self) -> str:
        """The collapsible "diagram as text" block that follows the figure."""
        parts = ['<details class="c4kit-astext"><summary>Diagram as text</summary>']
        if self.structured:
            parts.append(f"<p>{escape(self.summary)}</p>")
            for heading, lines in self.sections:
                if lines:
                    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
                    parts.append(f"<p class=\"c4kit-astext-heading\">{escape(heading)}</p><ul>{items}</ul>")
            parts.append("<p class=\"c4kit-astext-heading\">Mermaid source</p>")
        parts.append(f'<pre class="c4kit-source"><code>{escape(self.source)}</code></pre></details>')
        return "".join(parts)

    def as_text(self) -> str:
        """Plain text (for search indexes and tests)."""
        lines = [self.title, self.summary]
        for heading, items in self.sections:
            lines.append(f"{heading}:")
            lines.extend(f"- {item}" for item in items)
        return "\n".join(lines)


def clean(text: str) -> str:
    """Label text as read aloud: ``<br/>`` becomes a space, runs of space collapse."""
    return _SPACE.sub(" ", _BR.sub(" ", text or "")).strip()


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym or a name ("API calls to" stays)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return first[0].lower() + text[1:]
    return text


def _base_form(verb: str) -> str:
    """Third person singular to base form ("Sends" -> "send", "Queries" -> "query", "Pushes" -> "push")."""
    word = verb.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("caches"):  # the one -ches verb of architecture whose base keeps its e
        return word[:-1]
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _infinitive(words: list[str]) -> str:
    """"Reads and writes orders" -> "read and write orders": every verb of a coordinated list in base form."""
    out = [_base_form(words[0])]
    for previous, word in itertools.pairwise(words):
        out.append(_base_form(word) if previous.lower() in ("and", "or") and _looks_like_verb(word) else word)
    return " ".join(out)


def _looks_like_verb(word: str) -> bool:
    """A third person singular verb, by form ("Sends", "Browses"), not a plural noun we could tell from it."""
    lower = word.lower()
    return (word.isalpha() and not word.isupper() and len(lower) > 2 and lower.endswith("s")
            and not lower.endswith(("ss", "us", "is")))


def relationship_sentence(rel: Relationship, names: dict[str, str], step: int | None = None) -> str:
    """One relationship as a sentence, with its technology in brackets.

    Labels written as C4 recommends read directly: "Reads from and writes to"
    becomes "API reads from and writes to Database"; "Sends e-mails" becomes
    "Shop uses Mail Service to send e-mails"; a single verb ("Calls") joins
    the two names.  Anything else keeps its words: "Shop to Broker: order events".
    """
    source = clean(names.get(rel.source, rel.source))
    target = clean(names.get(rel.target, rel.target))
    label = clean(rel.label)
    words = label.split()
    if not words:
        sentence = f"{source} uses {target}"
    elif words[-1].lower() in PREPOSITIONS:
        sentence = f"{source} {_lower_first(label)} {target}"
    elif _looks_like_verb(words[0]) and len(words) == 1:
        sentence = f"{source} {words[0].lower()} {target}"
    elif _looks_like_verb(words[0]):
        sentence = f"{source} uses {target} to {_infinitive(words)}"
    else:
        sentence = f"{source} to {target}: {label}"
    if rel.kind is RelKind.BIREL:
        sentence += " (both ways)"
    technology = clean(rel.technology)
    if technology:
        sentence += f" [{technology}]"
    if step is not None:
        sentence = f"Step {step}: {sentence}"
    return sentence


def element_kind(element: Element) -> str:
    """What a box is, in words: "external person", "database container", "software system"."""
    base = {ElementKind.PERSON: "person", ElementKind.SYSTEM: "software system",
            ElementKind.CONTAINER: "container", ElementKind.COMPONENT: "component"}[element.kind]
    if element.is_infrastructure:
        base = "infrastructure node"
    shape = {Shape.DB: "database ", Shape.QUEUE: "queue "}.get(element.shape, "")
    return ("external " if element.external else "") + shape + base


def element_line(element: Element) -> str:
    """"Web Shop (container, Python and Django): Serves the pages"."""
    kind, technology = element_kind(element), clean(element.technology)
    if technology:
        kind += f", {technology}"
    line = f"{clean(element.label)} ({kind})"
    description = clean(element.description)
    return f"{line}: {description}" if description else line


def _group_kind(node: Boundary | DeploymentNode) -> str:
    kind_type = f", {clean(node.type)}" if clean(node.type) else ""
    if isinstance(node, DeploymentNode):
        return "deployment node" + kind_type
    return {BoundaryKind.ENTERPRISE: "enterprise boundary", BoundaryKind.SYSTEM: "system boundary",
            BoundaryKind.CONTAINER: "container boundary"}.get(node.kind, "boundary") + kind_type


def describe(diagram: Diagram) -> TextAlternative:
    """The text alternative of a parsed C4 diagram."""
    kind = diagram.kind.level_name
    title = f"{kind[0].upper()}{kind[1:]}" + (f": {clean(diagram.title)}" if diagram.title else "")
    elements = diagram.elements()
    names = {alias: clean(getattr(node, "label", alias)) for alias, node in diagram.aliases().items()}
    element_lines = tuple(element_line(e) for e in elements)
    groups = []
    for node, _parents in diagram.walk():
        if isinstance(node, (Boundary, DeploymentNode)):
            inside = ", ".join(clean(child.label) for child in node.children) or "nothing"
            groups.append(f"{clean(node.label)} ({_group_kind(node)}) contains: {inside}")
    numbered = diagram.kind is DiagramKind.DYNAMIC
    rel_lines = []
    for position, rel in enumerate(diagram.relationships, start=1):
        step = (rel.index if rel.index is not None else position) if numbered else None
        rel_lines.append(relationship_sentence(rel, names, step))
    shown = ", ".join(clean(e.label) for e in elements[:8]) + (", and more" if len(elements) > 8 else "")
    summary = (f"{title}. {_count(len(elements), 'element')} and {_count(len(rel_lines), 'relationship')}"
               + (f": {shown}." if shown else "."))
    sections = (("Elements", element_lines), ("Boundaries and nodes", tuple(groups)),
                ("Relationships", tuple(rel_lines)))
    return TextAlternative(title, summary, sections, structured=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _mermaid_type(text: str) -> str:
    in_front_matter = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "---":
            in_front_matter = not in_front_matter
            continue
        if in_front_matter or not stripped or stripped.startswith("%%"):
            continue
        return stripped.split()[0]
    return ""


def _front_matter_title(text: str) -> str:
    m = re.match(r"\s*---\s*\n(?P<body>.*?)\n---", text, re.DOTALL)
    if m:
        t = re.search(r"^title:\s*(?P<t>.+)$", m.group("body"), re.MULTILINE)
        if t:
            return t.group("t").strip().strip("\"'")
    t = re.search(r"^\s*title\s+(?P<t>.+)$", text, re.MULTILINE)
    return t.group("t").strip() if t else ""


def source_alternative(text: str) -> TextAlternative:
    """The generic alternative: a name from the diagram type (and title), and the source."""
    kind = _KNOWN_TYPES.get(_mermaid_type(text), "Mermaid diagram")
    if kind == "Mermaid diagram" and is_c4(text):
        kind = "C4 diagram"
    name = _front_matter_title(text)
    title = f"{kind}: {name}" if name else kind
    return TextAlternative(title, f"{title}. Its Mermaid source is under \u201cDiagram as text\u201d.", (),
                           source=text)


def text_alternative(text: str) -> TextAlternative:
    """Structured for C4 text the parser reads and for c4kit's C4-styled flowcharts, the source otherwise."""
    from c4kit.mermaid.read_flowchart import read_c4_flowchart

    drawn = read_c4_flowchart(text)
    if drawn is not None:  # most course diagrams and every widget frame: the flowchart keeps the C4 facts
        alt = describe(drawn)
        return TextAlternative(alt.title, alt.summary, alt.sections, source=text, structured=True)
    if is_c4(text):
        try:
            from c4kit.mermaid.parse import parse
        except ImportError:
            parse = None
        if parse is not None:
            try:
                diagram = parse(text)
            except Exception:  # any parser failure falls back to the source: it never breaks a build
                diagram = None
            if isinstance(diagram, Diagram):
                alt = describe(diagram)
                return TextAlternative(alt.title, alt.summary, alt.sections, source=text, structured=True)
    return source_alternative(text)
