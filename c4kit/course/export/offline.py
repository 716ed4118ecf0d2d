"""Does a built page reach for the network?  The site must work from ``file://`` with no connection.

Every place HTML, CSS or SVG can load something is checked: ``src``,
``srcset``, ``href`` on ``<link>``/``<script>``/SVG ``<image>``/``<use>``,
``poster``, ``data``, ``action``, ``url(...)`` and ``@import`` in styles and
``style`` attributes, and URLs in our JavaScript.  An external URL there is a
*resource* and fails the build.  A hyperlink (``<a href="https://...">``) is
not a load: it is reported as a *link*, so authors can see them, but allowed.
Namespace declarations (``xmlns``) are identifiers, not addresses, and are
ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from c4kit.course.export.player import unpack_frames

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_LOCAL_SCHEMES = ("data:", "blob:", "about:", "javascript:", "mailto:", "tel:", "#")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?P<url>[^'\")]+)\1\s*\)|@import\s+(['\"])(?P<imp>[^'\"]+)\3", re.IGNORECASE)
_JS_URL = re.compile(r"""(?P<q>['"`])(?P<url>(?:https?:|wss?:)?//[^'"`\s]+)(?P=q)""")
#: Attributes that make the browser fetch something, whatever the element.
_LOADING_ATTRS = {"src", "srcset", "poster", "data", "action", "formaction", "background", "manifest", "ping"}
_LINK_TAGS = {"a", "area"}


@dataclass(frozen=True)
class ExternalRef:
    """One external URL in a built file."""

    file: str
    line: int
    kind: str  #: "resource" (fails the build) or "link" (allowed, reported)
    where: str  #: e.g. "<script src>", "url() in <style>"
    url: str

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.where} {self.url}"


def is_external(url: str) -> bool:
    """True for an absolute (or protocol-relative) URL to another host; False for local, data: and fragments."""
    url = url.strip()
    if not url or url.lower().startswith(_LOCAL_SCHEMES):
        return False
    if url.lower().startswith("file:"):
        return False
    return bool(_EXTERNAL.match(url)) or bool(re.match(r"^(?:https?|ftp|wss?):", url, re.IGNORECASE))


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet (or ``style`` attribute) would load."""
    return [m.group("url") or m.group("imp") for m in _CSS_URL.finditer(css)]


class _Scanner(HTMLParser):
    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.found: list[ExternalRef] = []
        self._in_style = False

    def _add(self, kind: str, where: str, url: str) -> None:
        if is_external(url):
            self.found.append(ExternalRef(self.file, self.getpos()[0], kind, where, url.strip()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            name = name.lower()
            if name == "style":
                for url in css_urls(value):
                    self._add("resource", f"url() in <{tag} style>", url)
            elif name == "srcset":
                for candidate in value.split(","):
                    self._add("resource", f"<{tag} srcset>", candidate.strip().split(" ")[0])
            elif name in _LOADING_ATTRS:
                self._add("resource", f"<{tag} {name}>", value)
            elif name in ("href", "xlink:href"):
                kind = "link" if tag in _LINK_TAGS else "resource"
                self._add(kind, f"<{tag} {name}>", value)
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                self._add("resource", "<meta refresh>", value.lower().split("url=", 1)[1])

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for url in css_urls(data):
                self._add("resource", "url() in <style>", url)


def scan_html(html: str, file: str = "<page>") -> list[ExternalRef]:
    """External URLs in an HTML page (inline SVG and styles included)."""
    scanner = _Scanner(file)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def scan_text(text: str, file: str, kind: str) -> list[ExternalRef]:
    """External URLs in a stylesheet (``kind="css"``) or a script (``kind="js"``), with line numbers."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        urls = css_urls(line) if kind == "css" else [m.group("url") for m in _JS_URL.finditer(line)]
        found.extend(ExternalRef(file, number, "resource", f"URL in {kind}", u) for u in urls if is_external(u))
    return found


def scan_site(root: Path) -> list[ExternalRef]:
    """Every external URL in the built site's HTML, CSS and JavaScript files."""
    found: list[ExternalRef] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            # Packed player frames are opaque until unpacked: scan what the browser will insert.
            found.extend(scan_html(unpack_frames(path.read_text(encoding="utf-8")), rel))
        elif path.suffix in (".css", ".js"):
            found.extend(scan_text(path.read_text(encoding="utf-8"), rel, path.suffix[1:]))
    return found
