"""The ``c4kit`` command: render, lint and convert diagrams from a terminal or a Makefile.

Thin on purpose: each subcommand parses its arguments, calls the modules that
do the work (:mod:`c4kit.render`, :mod:`c4kit.linter`, :mod:`c4kit.mermaid`),
prints, and returns an exit code:

* 0: done, nothing wrong;
* 1: ``lint`` found errors (or warnings, with ``--strict``);
* 2: the command could not do its job (bad input, missing file, Mermaid
  rejected a diagram, no browser); the message, on stderr, says what and how
  to fix it, never with a traceback.

Subcommands are a registry of :class:`Command` entries.  A later part of the
kit adds its own (``c4kit course ...``, ``c4kit exercises ...``) without
touching this file: its package gets a ``cli.py`` that calls :func:`register`
at import.  :data:`EXTENSIONS` already names ``c4kit.course.cli`` and
``c4kit.exercises.cli``; a module that does not exist yet is skipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from c4kit.errors import C4Error

#: Modules that add subcommands when they exist (each calls :func:`register` on import).
EXTENSIONS = ("c4kit.course.cli", "c4kit.exercises.cli")

_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_C4_KEYWORDS = ("C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment")


@dataclass(frozen=True)
class Command:
    """One subcommand: ``configure`` adds its arguments, ``run`` does the work and returns the exit code."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def register(command: Command) -> Command:
    """Add (or replace) a subcommand; later parts of the kit call this from their own module."""
    COMMANDS[command.name] = command
    return command


def _load_extensions() -> None:
    for name in EXTENSIONS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name is None or not name.startswith(err.name):
                raise  # the extension exists but is broken: show it, do not hide it


# --------------------------------------------------------------------- inputs
@dataclass(frozen=True)
class Source:
    """One diagram read from a file: where it came from, and its first line in that file."""

    path: Path
    text: str
    #: 1-based line of the diagram's first line in the file (a fence body starts after its ```mermaid).
    first_line: int = 1
    #: 1-based number of the fence in a markdown file, or None for a Mermaid file.
    fence: int | None = None

    @property
    def label(self) -> str:
        return f"{self.path}" if self.fence is None else f"{self.path} (mermaid block {self.fence})"

    @property
    def stem(self) -> str:
        return self.path.stem if self.fence is None else f"{self.path.stem}-{self.fence}"


def read_text(path: Path) -> str:
    """A file's text, or a :class:`C4Error` a person can act on."""
    if not path.exists():
        raise C4Error(f"{path}: no such file", hint="check the path (it is relative to the current folder)")
    if path.is_dir():
        raise C4Error(f"{path} is a folder", hint="give Mermaid files (.mmd) or markdown files (.md)")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise C4Error(f"{path} is not UTF-8 text", hint="save it as UTF-8 (Mermaid sources are plain text)") from None
    except OSError as err:
        raise C4Error(f"{path}: cannot read it ({err.strerror})") from None


def read_sources(paths: Sequence[str]) -> list[Source]:
    """Every diagram in the inputs: a Mermaid file is one, a markdown file one per ```mermaid block."""
    sources: list[Source] = []
    for name in paths:
        path = Path(name)
        text = read_text(path)
        if path.suffix.lower() not in _MARKDOWN_SUFFIXES:
            sources.append(Source(path, text))
            continue
        from c4kit.course.diagrams import mermaid_fences

        blocks = mermaid_fences(text)
        if not blocks:
            raise C4Error(f"{path}: no ```mermaid blocks in this markdown file",
                          hint="fence each diagram with ```mermaid on the line before and ``` after")
        for n, block in enumerate(blocks, start=1):
            sources.append(Source(path, block.body, first_line=block.start + 2, fence=n))
    return sources


def is_c4(text: str) -> bool:
    from c4kit.linter import diagram_keyword

    return diagram_keyword(text)[0] in _C4_KEYWORDS


# --------------------------------------------------------------------- render
def _configure_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".mmd files, or .md files (each ```mermaid block)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="a file for one diagram, a folder for several (created; names from the inputs)")
    p.add_argument("--format", choices=("svg", "png", "html", "mmd"),
                   help="output format (default: from OUT's suffix, or svg for a folder)")
    p.add_argument("--flowchart", action="store_true", help="draw C4 diagrams as C4-styled flowcharts")
    p.add_argument("--theme", default="default", help="Mermaid theme: default, neutral, dark, forest, base")
    p.add_argument("--scale", type=float, default=2.0, help="PNG pixels per diagram unit (default 2)")


def _plan_outputs(sources: list[Source], out: Path, fmt: str | None) -> tuple[list[Path], str]:
    from c4kit.render.save import format_for

    one_file = len(sources) == 1 and not out.is_dir() and not str(out).endswith(("/", "\\"))
    if one_file:
        return [out], format_for(out, fmt)
    if out.exists() and not out.is_dir():
        raise C4Error(f"{out} is a file, but {len(sources)} diagrams need a folder",
                      hint="give -o a folder name (it is created), or render one input at a time")
    fmt = format_for("", fmt or "svg")
    targets = [out / f"{s.stem}.{fmt}" for s in sources]
    clashes = sorted({t.name for t in targets if targets.count(t) > 1})
    if clashes:
        raise C4Error(f"several inputs would be written to the same file: {', '.join(clashes)}",
                      hint="rename one of the inputs, or render them into different folders")
    return targets, fmt


def _run_render(args: argparse.Namespace) -> int:
    from c4kit.errors import RenderError
    from c4kit.render.save import encode_many, write_atomic

    sources = read_sources(args.inputs)
    targets, fmt = _plan_outputs(sources, Path(args.output), args.format)
    texts = []
    for source in sources:
        if args.flowchart and is_c4(source.text):
            texts.append(_parse(source).to_flowchart())
        else:
            texts.append(source.text)
    titles = [s.stem for s in sources]
    # One browser, one batch, for every diagram of every input.
    contents = encode_many(texts, fmt, titles=titles, theme=args.theme, scale=args.scale)
    failed = 0
    for source, target, data in zip(sources, targets, contents):
        if isinstance(data, RenderError):
            failed += 1
            _error(f"{source.label}: {data.message}", data.hint)
            continue
        write_atomic(target, data)
        print(f"wrote {target}")
    return 2 if failed else 0


# ----------------------------------------------------------------------- lint
def _configure_lint(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".mmd files, or .md files (each ```mermaid block)")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too, not only on errors")


def _run_lint(args: argparse.Namespace) -> int:
    from c4kit.linter import lint_text

    failing = {"error", "warning"} if args.strict else {"error"}
    counts = {"error": 0, "warning": 0, "info": 0}
    sources = read_sources(args.inputs)
    for source in sources:
        for finding in lint_text(source.text, source=str(source.path)):
            if source.fence is not None:  # a markdown block: report lines of the markdown file
                line = (finding.line or 1) + source.first_line - 1
                finding = dataclasses.replace(finding, line=line, column=finding.column or 1)
            severity = getattr(finding.severity, "value", str(finding.severity))
            counts[severity] = counts.get(severity, 0) + 1
            print(finding.format(str(source.path)))
    summary = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for word, n in counts.items())
    print(f"{len(sources)} diagram{'s' if len(sources) != 1 else ''}: {summary}", file=sys.stderr)
    return 1 if any(counts.get(s, 0) for s in failing) else 0


# -------------------------------------------------------------------- convert
def _configure_convert(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="INPUT", help="a Mermaid C4 file (.mmd)")
    p.add_argument("--to", required=True, choices=("c4", "flowchart", "json"),
                   help="c4: normalised Mermaid C4; flowchart: a C4-styled flowchart; json: the diagram model")


def _parse(source: Source) -> Any:
    from c4kit.mermaid.parse import parse

    return parse(source.text, source=str(source.path))


def _run_convert(args: argparse.Namespace) -> int:
    path = Path(args.input)
    diagram = _parse(Source(path, read_text(path)))
    if args.to == "c4":
        out = diagram.to_mermaid()
    elif args.to == "flowchart":
        out = diagram.to_flowchart()
    else:
        out = json.dumps(diagram.to_dict(), indent=2, ensure_ascii=False)
    print(out.rstrip("\n"))
    return 0


# ----------------------------------------------------------------------- info
def _configure_info(p: argparse.ArgumentParser) -> None:
    pass


def versions() -> dict[str, str]:
    """What ``c4kit info`` reports: versions of the kit, Mermaid and the browser found."""
    import platform
    from importlib import metadata

    from c4kit import __version__
    from c4kit.assets import mermaid_version
    from c4kit.render.browser import INSTALL_HELP, find_chromium

    try:
        playwright = metadata.version("playwright")
    except metadata.PackageNotFoundError:
        playwright = "not installed"
    browser = find_chromium()
    return {
        "c4kit": __version__,
        "python": platform.python_version(),
        "mermaid": mermaid_version(),
        "playwright": playwright,
        "browser": browser or f"none found ({INSTALL_HELP})",
    }


def _run_info(args: argparse.Namespace) -> int:
    for key, value in versions().items():
        print(f"{key:<11} {value}")
    return 0


for _command in (
    Command("render", "render diagrams to SVG, PNG, HTML or MMD files (one browser for all)",
            _configure_render, _run_render),
    Command("lint", "check diagrams: PATH:LINE:COL: RULE-ID message", _configure_lint, _run_lint),
    Command("convert", "print a C4 diagram as C4, flowchart or JSON", _configure_convert, _run_convert),
    Command("info", "versions of c4kit, Mermaid and the browser found", _configure_info, _run_info),
):
    register(_command)


# ----------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    from c4kit import __version__
    from c4kit.assets import mermaid_version

    _load_extensions()
    parser = argparse.ArgumentParser(prog="c4kit", description="Learn, teach and draw C4 diagrams with Mermaid.")
    parser.add_argument("--version", action="version", version=f"c4kit {__version__} (Mermaid {mermaid_version()})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS.values():
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        command.configure(p)
        p.set_defaults(_run=command.run)
    return parser


def _error(message: str, hint: str = "") -> None:
    print(f"error: {message}", file=sys.stderr)
    if hint:
        print(f"  hint: {hint}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (``python -m c4kit`` and ``c4kit`` both call this)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error argparse already explained
        return stop.code if isinstance(stop.code, int) else 2
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args._run(args)
    except C4Error as err:  # str(err) carries the position and the hint
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `c4kit convert x --to json | head`: the reader left, which is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
