"""``c4kit course ...``: execute, check-outputs, validate and build the course from a terminal or CI.

Thin: each action discovers the notebooks, calls the module that does the
work, prints, and returns an exit code:

* 0: done, nothing wrong;
* 1: the course has a problem the output names (a notebook failed, a diagram
  does not render or overlaps too much, outputs drifted, the site would load
  something from the network);
* 2: the command could not do its job (bad arguments, no browser, unreadable
  notebook): raised as a ``C4Error`` for ``c4kit.cli.main`` to print.

Wiring: :func:`configure` adds the ``course`` subcommand to an argparse
subparsers object and sets ``func`` on every action; importing this module
also registers it with :func:`c4kit.cli.register` when that exists.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from c4kit.course.discover import SOURCE_DIRS, CourseNotebook, discover
from c4kit.course.errors import CourseError, DiagramError, ExecutionFailed, ExternalURLError

if TYPE_CHECKING:
    from c4kit.course.execute import ExecutionResult

#: Problems in the course itself (exit 1), as opposed to the command failing (exit 2).
COURSE_PROBLEMS = (DiagramError, ExecutionFailed, ExternalURLError)
HELP = "execute, validate and build the course notebooks (offline HTML site)"


def parse_value(text: str) -> Any:
    """A ``-p`` value as Python would read it (``3``, ``True``, ``'x'``, ``[1, 2]``), else the string itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _notebooks(args: argparse.Namespace, dirs: tuple[str, ...] = SOURCE_DIRS) -> list[CourseNotebook]:
    notebooks = discover(args.root, args.paths, dirs)
    if not notebooks:
        where = ", ".join(args.paths) if args.paths else f"{', '.join(d + '/' for d in dirs)} under {args.root}"
        raise CourseError(f"no notebooks found in {where}",
                          hint="run from the course folder, or pass --root DIR or notebook paths")
    return notebooks


def _problem(err: CourseError) -> int:
    print(f"error: {err}", file=sys.stderr)
    return 1


# ------------------------------------------------------------------ actions
def run_execute(args: argparse.Namespace) -> int:
    from c4kit.course.execute import execute, raise_for_failures, timing_table

    notebooks = _notebooks(args)
    parameters = {name: parse_value(value) for name, value in args.parameter or []}
    start = time.perf_counter()
    if args.sweep:
        results = _run_sweeps(args, notebooks, parameters)
        if results is None:
            return 0
    else:
        results = execute(notebooks, args.root, out_dir=args.out, inplace=args.inplace, parameters=parameters,
                          workers=args.workers, timeout=args.timeout, progress=not args.no_progress)
    print(timing_table(results, time.perf_counter() - start))
    if args.sweep:
        print(f"executed variants in {args.out or Path(args.root) / '_build' / 'sweeps'}")
    elif not args.inplace:
        print(f"executed copies in {args.out or Path(args.root) / '_build' / 'executed'}")
    try:
        raise_for_failures(results)
    except ExecutionFailed as err:
        return _problem(err)
    return 0


def _run_sweeps(args: argparse.Namespace, notebooks: list[CourseNotebook],
                parameters: dict[str, object]) -> list[ExecutionResult] | None:
    """Run the variants the notebooks declare (None, after saying so, when none declares any)."""
    from c4kit.course.execute import run_jobs
    from c4kit.course.sweep import plan_sweeps

    if args.inplace or parameters:
        raise CourseError("--sweep runs the variants declared in each notebook's metadata; it cannot be combined "
                          "with --inplace or -p",
                          hint="drop --inplace and -p, or drop --sweep to run one set of parameters")
    jobs = plan_sweeps(notebooks, args.root, out_dir=args.out, timeout=args.timeout)
    if not jobs:
        print(f"none of the {len(notebooks)} notebook(s) declares a sweep "
              '(notebook metadata {"c4kit": {"sweep": [...]}}, see docs/authoring.md)')
        return None
    return run_jobs(jobs, workers=args.workers, progress=not args.no_progress)


def run_check_outputs(args: argparse.Namespace) -> int:
    from c4kit.course.execute import raise_for_failures
    from c4kit.course.outputs import check_outputs

    notebooks = _notebooks(args)
    diffs, results = check_outputs(notebooks, Path(args.root), workers=args.workers, timeout=args.timeout,
                                   progress=not args.no_progress)
    for diff in diffs:
        print(diff.format())
    try:
        raise_for_failures(results)
    except ExecutionFailed as err:
        return _problem(err)
    if diffs:
        changed = sorted({d.notebook for d in diffs})
        print(f"error: {len(diffs)} cell(s) in {len(changed)} notebook(s) no longer reproduce their committed "
              f"outputs\n  hint: if the change is intended, refresh them with `c4kit course execute --inplace "
              f"{' '.join(changed)}` and review the diff", file=sys.stderr)
        return 1
    print(f"{len(notebooks)} notebook(s) reproduce their committed outputs")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from c4kit.course.validate import raise_for_report, validate

    notebooks = _notebooks(args)
    report = validate(notebooks, measure=not args.no_overlaps)
    print(report.summary())
    print(report.overlap_text(args.max_overlaps, verbose=args.verbose))
    if args.report:
        report.write_json(Path(args.report))
        print(f"per-diagram report written to {args.report}")
    try:
        raise_for_report(report, args.max_overlaps)
    except DiagramError as err:
        return _problem(err)
    except CourseError as err:  # duplicate example anchors
        return _problem(err)
    return 0


def _executed_copies(notebooks: list[CourseNotebook], root: Path) -> list[CourseNotebook]:
    """The same notebooks, read from ``_build/executed/`` where ``course execute`` left a copy."""
    executed = root / "_build" / "executed"
    return [replace(nb, path=(executed / nb.rel).resolve()) if (executed / nb.rel).exists() else nb
            for nb in notebooks]


def run_build(args: argparse.Namespace) -> int:
    from c4kit.course.export.site import build_site

    root = Path(args.root)
    notebooks = _notebooks(args, tuple(args.include))
    if args.executed:
        notebooks = _executed_copies(notebooks, root)
    out = Path(args.out) if args.out else root / "_build" / "course"
    try:
        result = build_site(notebooks, out, title=args.title)
    except COURSE_PROBLEMS as err:
        return _problem(err)
    print(result.summary())
    if result.links:
        print(f"{len(result.links)} link(s) to other sites (allowed; they open only when online)")
    print(f"Open the course: {result.index.resolve().as_uri()}")
    return 0


# ------------------------------------------------------------------ wiring
def _common(p: argparse.ArgumentParser, default: str = "notebooks/, solutions/ and exercises/") -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help=f"notebooks or folders (default: {default} under --root)")
    p.add_argument("--root", default=".", help="the course folder (default: the current folder)")


def _runner(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=2, help="notebooks run in parallel (default: 2)")
    p.add_argument("--timeout", type=int, default=600, help="seconds one cell may run (default: 600)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (CI logs)")


def configure_course(course: argparse.ArgumentParser) -> None:
    """Add the actions to the ``course`` parser (each sets ``func``)."""
    from c4kit.course.export.site import DEFAULT_TITLE

    actions = course.add_subparsers(dest="course_action", metavar="ACTION")

    p = actions.add_parser("execute", help="run every notebook (papermill, in parallel) and time it",
                           description="Run notebooks top to bottom. Outputs go to _build/executed/ unless "
                                       "--inplace; exercises may raise only NotImplementedError.")
    _common(p)
    _runner(p)
    p.add_argument("--inplace", action="store_true", help="write outputs into the notebooks themselves")
    p.add_argument("--out", type=Path, help="folder for executed copies (default: ROOT/_build/executed)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="set a parameter (cell tagged 'parameters'); VALUE is read as a Python literal")
    p.add_argument("--sweep", action="store_true",
                   help="run the parameter variants each notebook declares in its metadata (c4kit.sweep) "
                        "instead of the notebook as committed; outputs go to ROOT/_build/sweeps")
    p.set_defaults(func=run_execute)

    p = actions.add_parser("check-outputs", help="re-execute and compare with the committed outputs",
                           description="Re-run notebooks in a scratch folder and report cells whose Mermaid or "
                                       "text outputs differ from what is committed.")
    _common(p)
    _runner(p)
    p.set_defaults(func=run_check_outputs)

    p = actions.add_parser("validate", help="render every diagram with real Mermaid; count overlapping labels",
                           description="Render every diagram in one browser batch; fail on any that does not "
                                       "render; report overlapping labels per diagram.")
    _common(p)
    p.add_argument("--max-overlaps", type=int, metavar="N", help="fail when a diagram has more than N overlaps")
    p.add_argument("--no-overlaps", action="store_true", help="skip the overlap measurement")
    p.add_argument("--verbose", action="store_true", help="list every diagram, not only those with overlaps")
    p.add_argument("--report", metavar="FILE", help="write a per-diagram JSON report")
    p.set_defaults(func=run_validate)

    p = actions.add_parser("build", help="build the offline HTML course into _build/course/",
                           description="Export the notebooks as a static site that works from file:// "
                                       "(diagrams pre-rendered, search, light and dark themes).")
    _common(p, "the --include folders")
    p.add_argument("--out", help="output folder (default: ROOT/_build/course)")
    p.add_argument("--title", default=DEFAULT_TITLE, help="the site's title")
    p.add_argument("--include", nargs="+", default=["notebooks"], choices=SOURCE_DIRS, metavar="DIR",
                   help="which source folders become pages (default: notebooks)")
    p.add_argument("--executed", action="store_true",
                   help="use the copies `course execute` wrote to _build/executed/ where they exist")
    p.set_defaults(func=run_build)

    course.set_defaults(func=lambda args: _usage(course))


def _usage(course: argparse.ArgumentParser) -> int:
    course.print_help(sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action."""
    return args.func(args)


def configure(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``course`` to an argparse subparsers object; every action sets ``func`` (and ``_run``)."""
    course = subparsers.add_parser("course", help=HELP, description=HELP)
    configure_course(course)
    course.set_defaults(_run=run)
    return course


def main(argv: list[str] | None = None) -> int:
    """``python -m c4kit.course ACTION ...`` (the same as ``c4kit course ACTION ...``)."""
    from c4kit.errors import C4Error

    parser = argparse.ArgumentParser(prog="python -m c4kit.course", description=HELP)
    configure_course(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except C4Error as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _register() -> None:
    try:
        from c4kit.cli import Command, register
    except ImportError:
        return
    register(Command("course", HELP, configure_course, run))


_register()
