"""Colours of the C4-styled flowchart, and the contrast arithmetic that checks them.

The course uses the colour-blind-safe palette of its reference material (blue
#0173B2, orange #DE8F05, teal #029E73, purple #CC78BC, brown #CA9161).  The
flowchart emitter follows the C4 convention on top of it:

* **hue says "ours or not"**: the organisation's own elements are blue, external
  ones are grey;
* **lightness says the level**: people darkest, then software systems,
  containers, components lightest, so a zoomed-in view reads as "closer".

Only blue is spent on element kinds.  Orange, teal, purple and brown stay free
for overlays (a simulation marking a failing container, a highlighted path),
so that a state colour is never mistaken for a kind colour.  Colour is never
the only carrier of meaning: every box also says its kind in words.

Text colours are chosen for a WCAG 2 contrast ratio of at least 4.5:1 against
their fill; :func:`contrast_ratio` is the formula the tests use to prove it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from c4kit.model.diagram import ElementKind

BLUE = "#0173B2"
ORANGE = "#DE8F05"
TEAL = "#029E73"
PURPLE = "#CC78BC"
BROWN = "#CA9161"

#: The course palette, in the order the reference material lists it.
COURSE_PALETTE = (BLUE, ORANGE, TEAL, PURPLE, BROWN)

WHITE = "#FFFFFF"
#: Near-black used for text on light fills (softer than pure black, still > 12:1 on white).
INK = "#1A1A1A"

#: The minimum WCAG contrast ratio for normal-size text (level AA).
MIN_CONTRAST = 4.5

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Swatch:
    """Fill, border and text colour of one kind of box."""

    fill: str
    stroke: str
    text: str


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``"#0173B2"`` or ``"#07b"`` -> ``(1, 115, 178)``; ``ValueError`` for anything else."""
    if not _HEX.match(colour):
        raise ValueError(f"not a #rgb or #rrggbb colour: {colour!r}")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def rgb_to_hex(rgb: tuple[int, int, int]) -> str:
    """``(1, 115, 178)`` -> ``"#0173B2"`` (channels clamped to 0..255)."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``: tints and shades."""
    a, b = hex_to_rgb(colour), hex_to_rgb(other)
    return rgb_to_hex(tuple(x + (y - x) * amount for x, y in zip(a, b)))  # type: ignore[arg-type]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour (0 for black, 1 for white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1.0 (none) to 21.0 (black on white)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable_text_on(fill: str) -> str:
    """White or near-black, whichever contrasts more with ``fill``."""
    return WHITE if contrast_ratio(WHITE, fill) >= contrast_ratio(INK, fill) else INK


def _swatch(fill: str, stroke_towards_black: float = 0.35) -> Swatch:
    return Swatch(fill, mix(fill, "#000000", stroke_towards_black), readable_text_on(fill))


_GREY = "#8A8A8A"

#: Box colours by (kind, external).  Lightness steps follow the C4 levels.
ELEMENT_SWATCHES: dict[tuple[ElementKind, bool], Swatch] = {
    (ElementKind.PERSON, False): _swatch(mix(BLUE, "#000000", 0.40)),
    (ElementKind.SYSTEM, False): _swatch(BLUE),
    (ElementKind.CONTAINER, False): _swatch(mix(BLUE, WHITE, 0.40)),
    (ElementKind.COMPONENT, False): _swatch(mix(BLUE, WHITE, 0.70)),
    (ElementKind.PERSON, True): _swatch(mix(_GREY, "#000000", 0.45)),
    (ElementKind.SYSTEM, True): _swatch(mix(_GREY, "#000000", 0.22)),
    (ElementKind.CONTAINER, True): _swatch(mix(_GREY, WHITE, 0.30)),
    (ElementKind.COMPONENT, True): _swatch(mix(_GREY, WHITE, 0.60)),
}

#: Infrastructure nodes (load balancer, DNS, firewall): a pale grey box, so that what routes traffic
#: stands apart from the blue containers that do the work; the label says "Infrastructure Node" too.
INFRASTRUCTURE = _swatch("#EDEDED")

#: Boundaries: no fill (the page shows through, in light and dark themes), dashed grey border.
BOUNDARY_STROKE = "#767676"
#: Deployment nodes: solid border, as in C4's deployment notation.
DEPLOYMENT_STROKE = "#5C5C5C"
#: The legend's frame: light, so the key does not compete with the diagram.
LEGEND_STROKE = "#B0B0B0"
#: Shape-only legend entries (database, queue): white box, dark border, dark text.
NEUTRAL = Swatch(WHITE, "#4D4D4D", INK)
