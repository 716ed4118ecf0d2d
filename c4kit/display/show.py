"""``show``: a diagram with its Mermaid source one click away.

The course puts the generated Mermaid next to every diagram, so a learner can
see what the Python model turned into.  The source sits in a closed
``<details>`` block with line numbers (the linter's findings cite lines), and
in plain text for front ends that do not render HTML.
"""

from __future__ import annotations

from typing import Any

from c4kit.display.bundle import error_bundle, mimebundle
from c4kit.display.html import source_details_html
from c4kit.errors import C4Error


def publish(bundle: dict[str, Any]) -> None:
    """Display a raw MIME bundle; outside IPython, print its plain text."""
    from IPython.core.interactiveshell import InteractiveShell

    if not InteractiveShell.initialized():
        print(bundle.get("text/plain", ""))
        return
    from IPython.display import display

    display(bundle, raw=True)


def source_bundle(text: str, *, open_: bool = False) -> dict[str, Any]:
    """The collapsible source block (HTML) with the plain source as its text alternative."""
    return {"text/plain": text, "text/html": source_details_html(text, open_=open_)}


def text_and_title(obj: Any, *, flowchart: bool = False, direction: str = "TB") -> tuple[str, str]:
    """The Mermaid text ``show`` draws for ``obj`` (a view, a ``MermaidText`` or a string), and its title."""
    if isinstance(obj, str):
        from c4kit.display.raw import MermaidText

        obj = MermaidText(obj, lint=False)
    if flowchart:
        if not hasattr(obj, "to_flowchart"):
            raise C4Error(f"{type(obj).__name__} has no flowchart rendering",
                          hint="flowchart=True works for C4 views and diagrams (anything with to_flowchart())")
        # Only pass a direction when asked: duck-typed views may take no arguments.
        text = obj.to_flowchart() if direction == "TB" else obj.to_flowchart(direction=direction)
    elif hasattr(obj, "to_mermaid"):
        text = obj.to_mermaid()
    else:
        raise C4Error(f"cannot show a {type(obj).__name__} as a diagram",
                      hint="pass a c4kit view or diagram, a MermaidText, or a string of Mermaid text")
    title = getattr(obj, "title", "")
    return text, title if isinstance(title, str) else ""


def show(obj: Any, *, source: bool = True, flowchart: bool = False, direction: str = "TB",
         open_source: bool = False) -> None:
    """Display ``obj`` as a diagram, then (``source=True``) its Mermaid source, collapsed.

    ``flowchart=True`` draws the C4-styled flowchart rendering of a view
    instead; ``open_source=True`` shows the source block expanded.  Errors are
    displayed as a friendly notice, never raised into the notebook.
    """
    try:
        text, title = text_and_title(obj, flowchart=flowchart, direction=direction)
    except C4Error as err:
        publish(error_bundle(err, source=obj if isinstance(obj, str) else None))
        return
    publish(mimebundle(text, title=title))
    if source:
        publish(source_bundle(text, open_=open_source))
