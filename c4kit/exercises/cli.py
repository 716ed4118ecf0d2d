"""``c4kit exercises ...``: generate the exercise notebooks, check them in CI, list the tasks.

Thin: each action calls :mod:`c4kit.exercises.build` or the task catalogue,
prints, and returns an exit code:

* 0: done, nothing wrong;
* 1: ``build --check`` found ``exercises/`` out of date, or ``build`` kept
  edited notebooks (the output names them, and says ``--force`` backs them up);
* 2: the command could not do its job (a broken solution notebook, a wrong
  path): raised as a ``C4Error`` for ``c4kit.cli.main`` to print.

Wiring: :func:`configure` adds the ``exercises`` subcommand to an argparse
subparsers object; importing this module also registers it with
:func:`c4kit.cli.register` (``c4kit.cli.EXTENSIONS`` names this module).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

HELP = "generate exercises/ from solutions/ (nbgrader markers), check them, list the tasks"


def run_build(args: argparse.Namespace) -> int:
    from c4kit.exercises.build import build

    report = build(args.root, args.paths, check=args.check, force=args.force)
    print(report.format(verbose=args.verbose), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def run_tasks(args: argparse.Namespace) -> int:
    from c4kit.exercises.tasks import all_tasks

    tasks = [t for t in all_tasks() if not args.prefix or t.id.startswith(args.prefix)]
    if not tasks:
        print(f"no task ids start with {args.prefix!r}", file=sys.stderr)
        return 1
    width = max(len(t.id) for t in tasks)
    for task in tasks:
        print(f"{task.id:<{width}}  {task.kind_name:<18}  {task.title}")
    return 0


def configure_exercises(parser: argparse.ArgumentParser) -> None:
    """Add the actions to the ``exercises`` parser (each sets ``func``)."""
    actions = parser.add_subparsers(dest="exercises_action", metavar="ACTION")

    p = actions.add_parser("build", help="generate exercises/ from solutions/",
                           description="Write exercises/<path> for every solutions/<path>: solution regions become "
                                       "stubs, hidden tests and outputs are removed. Notebooks a learner edited are "
                                       "kept unless --force (which backs them up first).")
    p.add_argument("paths", nargs="*", metavar="PATH", help="solution notebooks or folders (default: all of "
                                                               "solutions/)")
    p.add_argument("--root", default=".", help="the course folder holding solutions/ (default: here)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 and name the files when exercises/ is out of date (for CI)")
    mode.add_argument("--force", action="store_true",
                      help="also regenerate edited notebooks, after copying each to NAME.ipynb.bak-TIMESTAMP")
    p.add_argument("--verbose", action="store_true", help="list every notebook, not only those that changed")
    p.set_defaults(func=run_build)

    p = actions.add_parser("tasks", help="list the task ids check cells can use",
                           description="List every task of the built-in catalogue: id, kind and title.")
    p.add_argument("prefix", nargs="?", default="", help="only ids starting with this (e.g. beginner/context)")
    p.set_defaults(func=run_tasks)

    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action."""
    return args.func(args)


def configure(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``exercises`` to an argparse subparsers object; every action sets ``func`` (and ``_run``)."""
    parser = subparsers.add_parser("exercises", help=HELP, description=HELP)
    configure_exercises(parser)
    parser.set_defaults(_run=run)
    return parser


def _register() -> None:
    try:
        from c4kit.cli import Command, register
    except ImportError:
        return
    register(Command("exercises", HELP, configure_exercises, run))


_register()
