"""Finding a headless Chromium, and saying clearly what to do when there is none.

Order of preference:

1. ``C4KIT_CHROMIUM``: an explicit path always wins.
2. Playwright's managed browser, when ``playwright install chromium`` has
   downloaded one (the usual case on a laptop).
3. A system Chromium or Chrome on ``PATH`` (Debian's ``chromium`` package,
   which is what CI and locked-down machines use, since there a browser
   download by a tool fails).

``python -m c4kit.render.browser --ensure`` (run by ``make setup``) reports the
browser it found, or tries ``playwright install chromium`` and then explains
how to install one by hand.  It never fails the setup: inline display works
without any browser; only SVG/PNG export needs one.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from c4kit.errors import BrowserNotFoundError

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Flags that keep a headless Chromium quiet and self-contained: no sandbox
#: (root in containers), no GPU, and no background calls home, which a closed
#: network refuses noisily.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--font-render-hinting=none",
)

INSTALL_HELP = (
    "install a headless Chromium: `python -m playwright install chromium` where downloads are allowed, "
    "or your system's package (Debian/Ubuntu: `sudo apt-get install chromium`), "
    "or point C4KIT_CHROMIUM at a Chromium/Chrome executable"
)


def _playwright_managed() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return None
    # Reading the managed browser's path needs the driver, not a browser; do it in a
    # subprocess so that callers inside an asyncio loop (Jupyter) are not affected.
    code = (
        "from playwright.sync_api import sync_playwright\n"
        "with sync_playwright() as p: print(p.chromium.executable_path)"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return path if path and Path(path).exists() else None


def find_chromium(*, use_managed: bool = True) -> str | None:
    """The path of a usable Chromium, or ``None``."""
    explicit = os.environ.get("C4KIT_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if use_managed:
        return _playwright_managed()
    return None


def require_chromium() -> str:
    """A Chromium path, or :class:`BrowserNotFoundError` saying how to get one."""
    path = find_chromium()
    if path is None:
        raise BrowserNotFoundError("no headless Chromium found to render SVG/PNG", hint=INSTALL_HELP)
    return path


def ensure() -> int:
    """Find a browser; if there is none, try playwright's download; explain what happened."""
    path = find_chromium()
    if path is None:
        print("c4kit: no Chromium found; trying `playwright install chromium` ...")
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
        path = find_chromium()
    if path is None:
        print(f"c4kit: no headless browser. Inline display works; SVG/PNG export needs one: {INSTALL_HELP}.")
    else:
        print(f"c4kit: headless Chromium at {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m c4kit.render.browser", description="Find a headless Chromium.")
    parser.add_argument("--ensure", action="store_true", help="try to install one when none is found")
    args = parser.parse_args(argv)
    if args.ensure:
        return ensure()
    path = find_chromium()
    print(path or f"none found: {INSTALL_HELP}")
    return 0 if path else 1


if __name__ == "__main__":
    raise SystemExit(main())
