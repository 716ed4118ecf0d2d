"""Writing a diagram to a file: ``.mmd``, ``.svg``, ``.png`` or a standalone ``.html`` page.

The format comes from the file's suffix (or ``format=``).  ``.mmd`` and
``.html`` need no browser, so they work on any machine; ``.svg`` and ``.png``
come from real Mermaid in headless Chromium and say how to install one when
there is none.  Files are written atomically: the bytes are produced first,
written to a temporary file beside the target, then renamed over it, so a
diagram Mermaid rejects, or a crash half-way, never damages the file that was
there before.  Many files render in one browser page (:func:`encode_many`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from c4kit.errors import C4Error, RenderError
from c4kit.render.engine import LINT_HINT, get_engine
from c4kit.render.standalone import standalone_html

#: The formats ``save`` writes, by suffix.
FORMATS = ("mmd", "svg", "png", "html")
_ALIASES = {"mermaid": "mmd", "htm": "html"}


def format_for(path: str | PathLike[str], format: str | None = None) -> str:
    """The output format: ``format`` when given, else the path's suffix; a clear error otherwise."""
    if format is not None:
        fmt = _ALIASES.get(format.lower().lstrip("."), format.lower().lstrip("."))
        if fmt not in FORMATS:
            raise C4Error(f"unknown format {format!r}", hint=f"use one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = _ALIASES.get(suffix, suffix)
    if fmt not in FORMATS:
        shown = f"suffix '.{suffix}'" if suffix else "no suffix"
        raise C4Error(f"cannot tell what to write for {os.fspath(path)!r} ({shown})",
                      hint=f"end the file name with one of {', '.join('.' + f for f in FORMATS)}, or pass format=")
    return fmt


def _check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if hasattr(text, "to_mermaid"):
        raise C4Error(f"save() takes Mermaid text, not a {type(text).__name__}",
                      hint="call view.save(path) on the view itself, or pass view.to_mermaid()")
    raise C4Error(f"save() takes Mermaid text (a str), not a {type(text).__name__}")


def _with_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def encode_many(texts: Sequence[str], format: str, *, titles: Sequence[str] | None = None, theme: str = "default",
                scale: float = 2.0, background: str = "white") -> list[bytes | RenderError]:
    """The file contents for each text, rendered in one browser page when a browser is needed.

    A diagram Mermaid rejects gives a :class:`RenderError` in its place (the
    others still render); having no browser at all raises
    :class:`~c4kit.errors.BrowserNotFoundError` at once.
    """
    texts = [_check_text(t) for t in texts]
    fmt = format_for("", format)
    titles = list(titles) if titles is not None else [""] * len(texts)
    if fmt == "mmd":
        return [_with_newline(t).encode() for t in texts]
    if fmt == "html":
        return [standalone_html(t, title=title, theme=theme).encode() for t, title in zip(texts, titles)]
    engine = get_engine()
    out: list[bytes | RenderError] = []
    if fmt == "svg":
        for result in engine.render_many(texts, theme=theme, xml=True):
            if result.svg is None:
                out.append(_mermaid_error(result.error))
            else:
                out.append(_with_newline(result.svg).encode())
        return out
    for result in engine.render_pngs(texts, theme=theme, scale=scale, background=background):
        png = result.extra.get("png")
        out.append(png if png is not None else _mermaid_error(result.error))
    return out


def _mermaid_error(message: str | None) -> RenderError:
    return RenderError(f"Mermaid could not render this diagram: {message}", hint=LINT_HINT)


def write_atomic(path: str | PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    Creates missing parent folders; refuses to replace a folder.  The file
    gets the usual permissions for a new file (the umask applies).
    """
    target = Path(path)
    if target.is_dir():
        raise C4Error(f"{os.fspath(target)!r} is a folder, not a file",
                      hint="give a file name inside it, e.g. " + os.fspath(target / "diagram.svg"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise C4Error(f"cannot create folder {os.fspath(target.parent)!r}: a file of that name is in the way",
                      hint="choose another output folder") from None
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def save(text: str, path: str | PathLike[str], *, format: str | None = None, title: str = "",
         theme: str = "default", scale: float = 2.0, background: str = "white") -> Path:
    """Write one diagram to ``path``; the format comes from the suffix unless ``format`` is given.

    ``.mmd``: the text.  ``.svg``: Mermaid's drawing as a well-formed SVG
    file.  ``.png``: a screenshot of that drawing at ``scale`` (2 = sharp on
    high-density screens) on a ``background`` colour.  ``.html``: a page that
    draws itself offline (``title`` goes in its ``<title>``).  Returns the path.
    """
    if Path(path).is_dir():
        example = Path(path) / f"diagram.{format or 'svg'}"
        raise C4Error(f"{os.fspath(path)!r} is a folder, not a file",
                      hint=f"give a file name inside it, e.g. {example}")
    fmt = format_for(path, format)
    (data,) = encode_many([text], fmt, titles=[title], theme=theme, scale=scale, background=background)
    if isinstance(data, RenderError):
        raise data
    return write_atomic(path, data)
