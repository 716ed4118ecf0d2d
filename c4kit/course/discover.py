"""Finding the course's notebooks and what each one is: level, section, order, title, examples.

Every later step (execute, validate, build) starts from the same list, so the
rules live here once:

* **Where**: ``notebooks/``, ``solutions/`` and ``exercises/`` under the course
  root (whichever exist), or the files and folders named on the command line.
  Checkpoints and build output are never picked up.
* **Level and section**, first match wins:

  1. notebook metadata ``{"c4kit": {"course": {"level": ..., "section": ...,
     "order": ...}}}``: explicit, for notebooks that do not fit a pattern;
  2. folders: ``notebooks/<level>/<section>/NN_name.ipynb``, where a folder
     named ``02_intermediate`` has order 2 and reads "Intermediate";
  3. the numbers of the examples the notebook contains, mapped through the
     course map (:data:`LEVELS`), so a flat ``notebooks/`` folder still gets
     a sensible index;
  4. otherwise "Start here" (the welcome notebook and friends).

* **Title**: the first ``# `` heading, else the metadata title, else the file name.
* **Anchors**: markdown headings ``## Example 12: Title``, ``## P1: Title``,
  ``## L1: Title`` and ``## D1: Title`` (any heading level; not inside code
  fences).  They become page anchors (``#example-12``, ``#p1``), index entries
  and search entries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from c4kit.course.errors import CourseError, NotebookReadError

SOURCE_DIRS = ("notebooks", "solutions", "exercises")
#: Reading order where everything else is equal: the lesson, then its exercise, then the solution.
_KIND_RANK = {"notebooks": 0, "exercises": 1, "solutions": 2}
SKIP_PARTS = {".ipynb_checkpoints", "_build", ".git", "node_modules", ".venv"}
START_LEVEL = "Start here"


@dataclass(frozen=True)
class LevelRule:
    """One row of the course map: which example labels belong to which level."""

    name: str
    order: int
    prefix: str  # "" for numbered examples, "P" / "L" / "D" for the tracks
    low: int = 0
    high: int = 10**6

    def matches(self, prefix: str, number: int) -> bool:
        return prefix == self.prefix and self.low <= number <= self.high


#: The course map (shared/curriculum.md) as data: used only when neither metadata
#: nor folders say where a notebook belongs.
LEVELS: tuple[LevelRule, ...] = (
    LevelRule("Beginner", 1, "", 1, 30),
    LevelRule("Intermediate", 2, "", 31, 60),
    LevelRule("Advanced", 3, "", 61, 85),
    LevelRule("Pattern catalogue", 4, "P"),
    LevelRule("Zoom walkthrough", 5, "L"),
    LevelRule("Pattern deep dive", 6, "D"),
)

_ANCHOR = re.compile(
    r"^\s{0,3}#{1,6}[ \t]+(?:(?P<ex>Example)[ \t]+(?P<n>\d+)|(?P<track>[PLD])(?P<tn>\d+))"
    r"[ \t]*[:.\u2013\u2014-][ \t]*(?P<title>.+?)[ \t#]*$",
    re.MULTILINE,
)
_H1 = re.compile(r"^\s{0,3}#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^(?P<indent>\s{0,3})(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[`~]*[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_ORDERED = re.compile(r"^(?P<n>\d+)[-_ .]+(?P<name>.+)$")
#: Emphasis and code marks, and links (kept: their text).  An underscore inside a word is text, not
#: emphasis (CommonMark), so ``Rel_U`` and ``snake_case`` keep theirs.
_INLINE_MARKUP = re.compile(r"[*`]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|\[(?P<text>[^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Anchor:
    """One numbered example (or pattern / layer / deep-dive unit) inside a notebook."""

    label: str  #: "Example 12" or "P1"
    title: str  #: "Web app, API and database"
    slug: str  #: "example-12" or "p1": the HTML id
    cell: int  #: index of the markdown cell that holds the heading
    prefix: str = ""  #: "" for examples, else "P", "L" or "D"
    number: int = 0

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.title}"


@dataclass
class CourseNotebook:
    """A notebook and where it sits in the course."""

    path: Path
    rel: str  #: POSIX path relative to the course root, e.g. ``notebooks/00_welcome.ipynb``
    kind: str  #: "notebooks", "solutions", "exercises" or "other"
    title: str
    level: str
    level_order: int
    section: str = ""
    section_order: int = 0
    order: int = 0
    anchors: tuple[Anchor, ...] = ()
    metadata: dict = field(default_factory=dict, repr=False)

    @property
    def is_exercise(self) -> bool:
        """Exercises may stop at ``NotImplementedError``: that is the learner's job to fill in."""
        return self.kind == "exercises"

    @property
    def page_name(self) -> str:
        """The HTML file this notebook becomes: flat, so every page links to ``static/`` the same way."""
        parts = Path(self.rel).with_suffix("").parts
        if parts and parts[0] == "notebooks":
            parts = parts[1:]
        slug = "-".join(parts) or "index-page"
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", slug)
        return ("page-" + slug if slug == "index" else slug) + ".html"

    def sort_key(self) -> tuple:
        kind = _KIND_RANK.get(self.kind, len(_KIND_RANK))
        return (self.level_order, self.level, self.section_order, self.section, self.order, kind, self.rel)


def plain(text: str) -> str:
    """Heading text without inline markdown (``**x**``, backticks, links): what a reader sees."""
    return _INLINE_MARKUP.sub(lambda m: m.group("text") or "", text).strip()


def _without_fences(source: str) -> str:
    return _FENCE.sub("", source)


def _label_and_slug(m: re.Match[str]) -> tuple[str, int, str, str]:
    """(prefix, number, label, slug) of an anchor heading match."""
    if m.group("ex"):
        number = int(m.group("n"))
        return "", number, f"Example {number}", f"example-{number}"
    prefix, number = m.group("track"), int(m.group("tn"))
    return prefix, number, f"{prefix}{number}", f"{prefix.lower()}{number}"


def anchor_slug(heading: str) -> str | None:
    """The anchor id of a heading's text ("Example 12: Title" -> "example-12"), or None for other headings."""
    m = _ANCHOR.match("## " + plain(heading))
    return _label_and_slug(m)[3] if m else None


def anchors_in(nb: nbformat.NotebookNode) -> tuple[Anchor, ...]:
    """Every ``Example N`` / ``P1`` / ``L1`` / ``D1`` heading in the notebook's markdown cells."""
    found: list[Anchor] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for m in _ANCHOR.finditer(_without_fences(cell.source)):
            prefix, number, label, slug = _label_and_slug(m)
            found.append(Anchor(label, plain(m.group("title")), slug, index, prefix, number))
    return tuple(found)


def title_of(nb: nbformat.NotebookNode, path: Path) -> str:
    """The first ``# `` heading, else the metadata title, else a readable file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = _H1.search(_without_fences(cell.source))
            if m:
                return plain(m.group("title"))
    meta = nb.metadata.get("c4kit", {}).get("course", {}).get("title") or nb.metadata.get("title")
    if meta:
        return str(meta)
    return _readable(path.stem)


def _readable(name: str) -> str:
    m = _ORDERED.match(name)
    name = m.group("name") if m else name
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:]


def _ordered(name: str) -> tuple[int, str]:
    """``02_intermediate`` -> (2, "Intermediate"); ``patterns`` -> (a known level's order or 50, "Patterns")."""
    m = _ORDERED.match(name)
    if m:
        return int(m.group("n")), _readable(m.group("name"))
    readable = _readable(name)
    for rule in LEVELS:
        if rule.name.lower() == readable.lower():
            return rule.order, rule.name
    return 50, readable


def _level_from_anchors(anchors: Sequence[Anchor]) -> tuple[str, int] | None:
    for anchor in anchors:
        for rule in LEVELS:
            if rule.matches(anchor.prefix, anchor.number):
                return rule.name, rule.order
    return None


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a notebook, or say which file is broken and how to find out why."""
    try:
        return nbformat.read(str(path), as_version=4)
    except (OSError, json.JSONDecodeError, nbformat.reader.NotJSONError, ValueError) as err:
        raise NotebookReadError(
            f"{path}: not a readable notebook ({err})",
            hint="open it in JupyterLab (it will say what is wrong) or restore it from git") from None


def describe(path: Path, root: Path, nb: nbformat.NotebookNode | None = None) -> CourseNotebook:
    """Where one notebook sits in the course (see the module docstring for the rules)."""
    path = path.resolve()
    nb = read_notebook(path) if nb is None else nb
    try:
        rel_path = path.relative_to(root.resolve())
    except ValueError:
        rel_path = Path(path.name)
    parts = rel_path.parts
    kind = parts[0] if len(parts) > 1 and parts[0] in SOURCE_DIRS else "other"
    anchors = anchors_in(nb)
    meta = dict(nb.metadata.get("c4kit", {}).get("course", {}))
    # Folders say level and section only inside a course folder; elsewhere (a path given by hand,
    # _build/executed/...) they are just where the file happens to be.
    folders = parts[1:-1] if kind != "other" else ()
    numbered = _ORDERED.match(path.stem)
    order = int(numbered.group("n")) if numbered else 0

    level, level_order = START_LEVEL, 0
    section, section_order = "", 0
    if folders:
        level_order, level = _ordered(folders[0])
        if len(folders) > 1:
            section_order, section = _ordered(folders[1])
    else:
        from_anchors = _level_from_anchors(anchors)
        if from_anchors:
            level, level_order = from_anchors
    if "level" in meta:
        level = str(meta["level"])
        level_order = next((r.order for r in LEVELS if r.name == level), int(meta.get("level_order", 50)))
    if "section" in meta:
        section = str(meta["section"])
        section_order = int(meta.get("section_order", section_order))
    if "order" in meta:
        order = int(meta["order"])
    return CourseNotebook(path=path, rel=rel_path.as_posix(), kind=kind, title=title_of(nb, path), level=level,
                          level_order=level_order, section=section, section_order=section_order, order=order,
                          anchors=anchors, metadata=meta)


def find_notebooks(root: Path, paths: Iterable[Path | str] = (), dirs: Sequence[str] = SOURCE_DIRS) -> list[Path]:
    """Notebook files under the given paths, or under ``dirs`` of ``root`` when no path is given."""
    root = Path(root)
    targets = [Path(p) for p in paths] or [root / d for d in dirs if (root / d).is_dir()]
    found: list[Path] = []
    for target in targets:
        if not target.exists():
            raise CourseError(f"{target}: no such file or folder", hint="give notebooks or folders that exist")
        if target.is_file():
            if target.suffix != ".ipynb":
                raise CourseError(f"{target}: not a notebook (.ipynb)", hint="give .ipynb files or folders")
            found.append(target)
            continue
        for nb_path in sorted(target.rglob("*.ipynb")):
            if not SKIP_PARTS.intersection(nb_path.relative_to(target).parts):
                found.append(nb_path)
    unique = dict.fromkeys(p.resolve() for p in found)
    return list(unique)


def discover(root: Path | str = ".", paths: Iterable[Path | str] = (),
             dirs: Sequence[str] = SOURCE_DIRS) -> list[CourseNotebook]:
    """Every course notebook, in course order (level, section, file number, path)."""
    root = Path(root)
    notebooks = [describe(p, root) for p in find_notebooks(root, paths, dirs)]
    return sorted(notebooks, key=CourseNotebook.sort_key)


def duplicate_anchors(notebooks: Sequence[CourseNotebook]) -> dict[str, list[str]]:
    """Anchor slug -> the notebooks that use it, for slugs used more than once (index links would clash)."""
    seen: dict[str, list[str]] = {}
    for nb in notebooks:
        if nb.kind != "notebooks" and nb.kind != "other":
            continue  # solutions and exercises repeat their example's heading on purpose
        for anchor in nb.anchors:
            seen.setdefault(anchor.slug, []).append(nb.rel)
    return {slug: rels for slug, rels in seen.items() if len(rels) > 1}
