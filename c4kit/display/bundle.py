"""The MIME bundle a diagram shows itself with, and the one an error shows itself with.

IPython swallows an exception raised from ``_repr_mimebundle_``: it prints a
traceback from deep inside the formatter and falls back to the object's
``repr``.  A learner should see what went wrong and how to fix it instead, so
every ``C4Error`` met while building a bundle becomes a bundle of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from c4kit.display.builtin_renderers import renderers
from c4kit.display.html import error_html
from c4kit.errors import C4Error


def error_bundle(error: C4Error, *, source: str | None = None) -> dict[str, Any]:
    """A friendly display of ``error`` (plain text and HTML), with the source one click away."""
    return {
        "text/plain": f"{type(error).__name__}: {error}",
        "text/html": error_html(error, source=source),
    }


def _checked(name: str, bundle: Any) -> dict[str, Any]:
    if not isinstance(bundle, dict) or not bundle or not all(isinstance(k, str) for k in bundle):
        raise C4Error(f"renderer {name!r} returned {type(bundle).__name__}, not a MIME bundle",
                      hint="a renderer returns a non-empty dict such as {'text/plain': text}")
    return bundle


def mimebundle(text: str, *, title: str = "") -> dict[str, Any]:
    """The bundle for Mermaid ``text`` from the active renderer (see ``c4kit.renderers``)."""
    if not isinstance(text, str):
        return error_bundle(C4Error(f"expected Mermaid text (a str), got {type(text).__name__}",
                                    hint="pass view.to_mermaid(), or display the view itself"))
    try:
        name = renderers.active
        return _checked(name, renderers.get(name)(text, title=title))
    except C4Error as err:
        return error_bundle(err, source=text)


def mimebundle_for(obj: Any, *, text: Callable[[], str] | None = None) -> dict[str, Any]:
    """The bundle for anything with ``to_mermaid()``, errors in producing its text included.

    ``_repr_mimebundle_`` implementations should call this rather than
    ``mimebundle(obj.to_mermaid())``: a ``C4EmitError`` raised while writing
    the text is then shown kindly too.
    """
    try:
        source = text() if text is not None else obj.to_mermaid()
        title = getattr(obj, "title", "") or ""
    except C4Error as err:
        return error_bundle(err)
    return mimebundle(source, title=title if isinstance(title, str) else "")
