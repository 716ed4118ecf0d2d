"""Where the front-end assets c4kit ships live, and how they get there.

Mermaid comes from the npm registry, pinned in ``package.json`` (the 11.x line
JupyterLab bundles), and is copied into the package data so that a wheel, a
notebook output and an exported page all use the same file, offline.  Nothing
is ever fetched from a CDN at run time.

``python -m c4kit.assets --install`` copies it from ``node_modules`` (the
Makefile runs this after ``npm ci``); ``--check`` reports what is installed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from functools import lru_cache
from pathlib import Path

from c4kit.errors import C4Error

PACKAGE_DIR = Path(__file__).resolve().parent
ASSET_DIR = PACKAGE_DIR / "_assets"
REPO_DIR = PACKAGE_DIR.parent
MERMAID_FILE = "mermaid.min.js"


def _node_modules_copy() -> Path:
    return REPO_DIR / "node_modules" / "mermaid" / "dist" / MERMAID_FILE


def pinned_mermaid_version() -> str | None:
    """The version package.json pins, when running from a source checkout."""
    manifest = REPO_DIR / "package.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text())["dependencies"]["mermaid"]


def mermaid_js_path() -> Path:
    """The pinned ``mermaid.min.js``: package data first, a source checkout's node_modules second."""
    for candidate in (ASSET_DIR / MERMAID_FILE, _node_modules_copy()):
        if candidate.exists():
            return candidate
    raise C4Error(
        "Mermaid's JavaScript is not installed, so diagrams cannot be rendered to SVG or HTML",
        hint="run `make setup` in the c4kit folder (it runs `npm ci` and copies Mermaid into the package), "
        "or install a c4kit wheel, which carries it",
    )


@lru_cache(maxsize=1)
def mermaid_js() -> str:
    """The text of the pinned Mermaid bundle (read once per process)."""
    return mermaid_js_path().read_text(encoding="utf-8")


def mermaid_version() -> str:
    """The version of the Mermaid bundle in use (from the bundle's package.json or the pin)."""
    installed = ASSET_DIR / "mermaid.version"
    if installed.exists():
        return installed.read_text().strip()
    meta = REPO_DIR / "node_modules" / "mermaid" / "package.json"
    if meta.exists():
        return json.loads(meta.read_text())["version"]
    return pinned_mermaid_version() or "unknown"


def install() -> Path:
    """Copy Mermaid from node_modules into the package data (idempotent)."""
    source = _node_modules_copy()
    if not source.exists():
        raise C4Error("node_modules/mermaid is missing", hint="run `npm ci` in the c4kit folder first")
    ASSET_DIR.mkdir(exist_ok=True)
    target = ASSET_DIR / MERMAID_FILE
    shutil.copyfile(source, target)
    version = json.loads((source.parent.parent / "package.json").read_text())["version"]
    (ASSET_DIR / "mermaid.version").write_text(version + "\n")
    pinned = pinned_mermaid_version()
    if pinned and pinned != version:
        raise C4Error(f"node_modules has Mermaid {version}, package.json pins {pinned}", hint="run `npm ci` again")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m c4kit.assets", description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true", help="copy Mermaid from node_modules into c4kit/_assets")
    args = parser.parse_args(argv)
    try:
        if args.install:
            path = install()
            print(f"Mermaid {mermaid_version()} installed at {path}")
        else:
            print(f"Mermaid {mermaid_version()} at {mermaid_js_path()}")
    except C4Error as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
