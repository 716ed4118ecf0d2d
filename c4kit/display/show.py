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


def draw(view: Any, direction: str = "TB", *, lint: bool = True, summary: str = "Mermaid C4 source") -> None:
    """Draw a C4 view the way the course does: as a C4-styled flowchart, its Mermaid **C4** text folded underneath.

    Why a flowchart: Mermaid's own C4 layout overlaps labels on most diagrams
    of more than a handful of boxes, while its flowchart layout keeps them
    clear; the folded text is still the C4 syntax the learner is studying.
    ``direction`` is ``"TB"`` (top to bottom) or ``"LR"`` (left to right) for
    wide views.  With ``lint=True`` the linter's warnings and errors (never its
    advice) are shown under the diagram, so a "try it" change that breaks a C4
    rule says so at once.  Errors in the view are shown as a notice, not raised.
    """
    try:
        text, title = text_and_title(view, flowchart=True, direction=direction)
        c4_text = view.to_mermaid()
        findings = view.lint() if lint and hasattr(view, "lint") else None
    except C4Error as err:
        publish(error_bundle(err))
        return
    publish(mimebundle(text, title=title))
    publish({"text/plain": c4_text, "text/html": source_details_html(c4_text, summary=summary)})
    if findings is not None:
        serious = [f for f in findings if _severity(f) != "info"]
        if serious:
            from c4kit.linter.findings import Findings

            publish(_findings_bundle(Findings(serious)))


def _severity(finding: Any) -> str:
    from c4kit.display.findings import severity

    return severity(finding)


def _findings_bundle(findings: Any) -> dict[str, Any]:
    """The findings as the notebook shows a ``view.lint()`` result: HTML, markdown and text."""
    return {"text/plain": str(findings), "text/html": findings._repr_html_(),
            "text/markdown": findings._repr_markdown_()}
