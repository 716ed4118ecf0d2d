"""The text a person sees in a rendered SVG (shared by the browser tests of the emitters)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    """Every text node, entities decoded, ``<style>`` contents skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append(data)


def svg_text(svg: str, *, normalise: bool = False) -> list[str]:
    """The SVG's text nodes in order; ``normalise`` collapses whitespace, drops blank ones and word joiners."""
    parser = _Text()
    parser.feed(svg)
    if not normalise:
        return parser.pieces
    return [" ".join(p.replace("\u2060", "").split()) for p in parser.pieces if p.strip()]
