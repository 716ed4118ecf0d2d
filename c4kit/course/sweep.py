"""Parameter sweeps: the variants of a notebook that CI runs besides its committed defaults.

A notebook that computes something from a few numbers (hit ratios, replica
counts, thresholds) invites the learner to change them.  The notebook declares
those numbers in one cell tagged ``parameters`` (papermill's convention) and
lists the variants worth running in its metadata::

    {"c4kit": {"sweep": [{"edge_hit": 0.8}, {"edge_hit": 0.5, "shield_hit": 0.8}]}}

``c4kit course execute --sweep`` then runs each variant through papermill, with
no widget to click: every variant must run clean, so a cell that only works
for the committed numbers (an ``assert`` on one exact result, a label built for
one case) shows up in CI instead of in front of a learner who tried another
value.  Variants never run in place: their outputs go to ``_build/sweeps/``.

Why the metadata, and not a list in a test: the notebook's author knows which
values are interesting, the list travels with the notebook, and the check that
every swept name really is a parameter runs where the mistake was made.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat

from c4kit.course.discover import CourseNotebook
from c4kit.course.errors import CourseError
from c4kit.course.execute import Job

DEFAULT_SWEEP_OUT = Path("_build") / "sweeps"
PARAMETERS_TAG = "parameters"
_EXAMPLE = '{"c4kit": {"sweep": [{"name": value}, ...]}}'


def parameter_names(nb: nbformat.NotebookNode, where: str = "the notebook") -> tuple[str, ...]:
    """The names the notebook's ``parameters`` cell assigns, in order (papermill reads only the first such cell)."""
    cells = [c for c in nb.cells if c.cell_type == "code" and PARAMETERS_TAG in c.metadata.get("tags", [])]
    if not cells:
        raise CourseError(f"{where} declares a sweep but has no cell tagged '{PARAMETERS_TAG}'",
                          hint="tag the cell that sets the swept values: in JupyterLab, the property inspector "
                               "(gear icon) > Common Tools > Cell Tags > add 'parameters'")
    try:
        tree = ast.parse(cells[0].source)
    except SyntaxError as err:
        raise CourseError(f"the parameters cell of {where} is not valid Python (line {err.lineno}): {err.msg}",
                          hint="a parameters cell holds plain assignments, e.g. edge_hit = 0.9") from None
    names: list[str] = []
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                for node in ast.walk(target):
                    if isinstance(node, ast.Name) and node.id not in names:
                        names.append(node.id)
    return tuple(names)


def declared_variants(nb: nbformat.NotebookNode, where: str = "the notebook") -> list[dict[str, Any]]:
    """The variants the notebook's metadata asks for, checked against its parameters cell; [] when none."""
    sweep = nb.metadata.get("c4kit", {}).get("sweep")
    if sweep is None:
        return []
    if not isinstance(sweep, list) or not sweep or not all(isinstance(v, dict) and v for v in sweep):
        raise CourseError(f"the sweep in {where}'s metadata must be a non-empty list of non-empty objects, "
                          f"got {sweep!r}",
                          hint=f"write it as {_EXAMPLE}")
    names = parameter_names(nb, where)
    for number, variant in enumerate(sweep, start=1):
        unknown = [name for name in variant if name not in names]
        if unknown:
            raise CourseError(f"variant {number} of the sweep in {where} sets {', '.join(map(repr, unknown))}, "
                              f"which its parameters cell does not assign",
                              hint=f"the parameters cell assigns: {', '.join(names) or 'nothing'}; "
                                   "add the name there, or fix its spelling in the metadata")
    return [dict(variant) for variant in sweep]


def variant_label(variant: dict[str, Any]) -> str:
    """``edge_hit=0.8, shield_hit=0.9``: how a variant is named in tables and file names."""
    return ", ".join(f"{name}={json.dumps(value)}" for name, value in variant.items())


def _file_name(variant: dict[str, Any]) -> str:
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", variant_label(variant).replace(", ", "__")) + ".ipynb"


def plan_sweeps(notebooks: Sequence[CourseNotebook], root: Path, *, out_dir: Path | None = None,
                timeout: int = 600) -> list[Job]:
    """One job per declared variant of every notebook; outputs under ``out_dir/<notebook>/<variant>.ipynb``."""
    out_dir = Path(root) / DEFAULT_SWEEP_OUT if out_dir is None else Path(out_dir)
    jobs = []
    for nb in notebooks:
        notebook = nbformat.read(str(nb.path), as_version=4)
        for variant in declared_variants(notebook, nb.rel):
            target = out_dir / Path(nb.rel).with_suffix("") / _file_name(variant)
            jobs.append(Job(f"{nb.rel} [{variant_label(variant)}]", str(nb.path), str(target), nb.is_exercise,
                            variant, timeout))
    return jobs
