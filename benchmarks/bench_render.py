"""Measurements behind ``benchmarks/RESULTS.md``: c4kit's batch renderer against mermaid-cli.

Three numbers for the same diagrams, the same Mermaid build and the same Chromium:

* **mermaid-cli**: ``mmdc`` run once per diagram, as a Makefile or a docs
  build usually does.  Each run starts Node, Chromium and a page, loads
  Mermaid, renders one diagram and exits.
* **c4kit**: :meth:`c4kit.render.Engine.render_many` for the whole batch
  (wall time measured from Python, so it includes every round trip and the
  transfer of the SVGs back), warm (browser already started) and cold.
* **Mermaid in the page**: the sum of ``RenderResult.ms``, the time Mermaid
  itself spent inside the page.  No renderer driving Mermaid can beat it on
  one core; the gap to it is the driver's overhead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
SEEDS_DIR = REPO_DIR.parent / "shared" / "seeds"
MMDC = BENCH_DIR / "node_modules" / ".bin" / "mmdc"


@dataclass
class Timing:
    """One way of rendering the batch: what it did and how long it took."""

    name: str
    diagrams: int
    seconds: float
    ok: int
    note: str = ""
    per_diagram: list[float] = field(default_factory=list)

    @property
    def ms_per_diagram(self) -> float:
        return 1000 * self.seconds / self.diagrams if self.diagrams else 0.0


def load_diagrams(seeds: Path = SEEDS_DIR) -> list[tuple[str, str]]:
    """Every ```mermaid block of the reference documents, as (where, text), read at run time."""
    from c4kit.course.diagrams import mermaid_fences

    found = []
    for path in sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.md")):
        for n, fence in enumerate(mermaid_fences(path.read_text(encoding="utf-8")), start=1):
            found.append((f"{path.name}#{n}", fence.body))
    return found


def quick_subset(diagrams: Sequence[tuple[str, str]], size: int = 12) -> list[tuple[str, str]]:
    """An evenly spread sample (every k-th diagram), so every diagram type is likely represented."""
    if len(diagrams) <= size:
        return list(diagrams)
    step = len(diagrams) / size
    return [diagrams[int(i * step)] for i in range(size)]


def bench_c4kit(texts: Sequence[str], *, pages: int, warm_runs: int = 3) -> dict[str, Timing]:
    """Cold (launch + first batch) and best-of-``warm_runs`` warm batch, plus Mermaid's own in-page time."""
    from c4kit.render.engine import Engine

    engine = Engine(pages=pages)
    try:
        start = time.perf_counter()
        first = engine.render_many(texts)
        cold = time.perf_counter() - start
        best, best_results = float("inf"), first
        for _ in range(warm_runs):
            start = time.perf_counter()
            results = engine.render_many(texts)
            elapsed = time.perf_counter() - start
            if elapsed < best:
                best, best_results = elapsed, results
        launches = engine.launches
    finally:
        engine.close()
    ok = sum(r.ok for r in best_results)
    label = f"{pages} page{'s' if pages != 1 else ''}"
    in_page = sum(r.ms for r in best_results) / 1000
    return {
        "cold": Timing(f"c4kit render_many, {label}, cold (browser start + batch)", len(texts), cold,
                       sum(r.ok for r in first)),
        "warm": Timing(f"c4kit render_many, {label}, warm (best of {warm_runs})", len(texts), best, ok,
                       note=f"{launches} browser launch(es) for {warm_runs + 1} batches",
                       per_diagram=[r.ms / 1000 for r in best_results]),
        "in_page": Timing(f"Mermaid's own time in the page ({label}, same batch)", len(texts), in_page, ok),
    }


def mmdc_available() -> str | None:
    """Why mermaid-cli cannot run, or None when it can."""
    if MMDC.exists():
        return None
    if shutil.which("npm") is None:
        return "npm is not installed, so mermaid-cli cannot be installed"
    return None


def install_mmdc() -> None:
    """``npm ci`` in benchmarks/ without letting puppeteer download a browser."""
    if MMDC.exists():
        return
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    lock = BENCH_DIR / "package-lock.json"
    cmd = ["npm", "ci" if lock.exists() else "install", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(cmd, cwd=BENCH_DIR, env=env, check=True)


def npm_version(package: str) -> str:
    meta = BENCH_DIR / "node_modules" / package / "package.json"
    return json.loads(meta.read_text())["version"] if meta.exists() else "not installed"


def bench_mmdc(texts: Sequence[str], chromium: str) -> Timing:
    """mermaid-cli once per diagram, on the given Chromium, timed end to end per process."""
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    per: list[float] = []
    ok = 0
    with tempfile.TemporaryDirectory(prefix="c4kit-bench-") as tmp:
        config = Path(tmp) / "puppeteer-config.json"
        config.write_text(json.dumps({"executablePath": chromium, "args": ["--no-sandbox", "--disable-gpu",
                                                                           "--disable-dev-shm-usage"]}))
        for i, text in enumerate(texts):
            source, target = Path(tmp) / f"d{i}.mmd", Path(tmp) / f"d{i}.svg"
            source.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            done = subprocess.run([str(MMDC), "-p", str(config), "-i", str(source), "-o", str(target), "-q"],
                                  env=env, capture_output=True, text=True)
            per.append(time.perf_counter() - start)
            ok += done.returncode == 0 and target.exists()
    return Timing("mermaid-cli (mmdc), one process per diagram", len(texts), sum(per), ok, per_diagram=per)


def family(text: str) -> str:
    """C4, flowchart or other, from the diagram's first word."""
    words = text.split()
    first = words[0] if words else ""
    if first.startswith("C4"):
        return "C4"
    return "flowchart" if first in ("graph", "flowchart") else "other"


def overlap_summary(diagrams: Sequence[tuple[str, str]]) -> list[str]:
    """A markdown table of overlapping pairs per diagram family (one render pass)."""
    from c4kit.render.overlap import measure_overlaps

    reports = measure_overlaps([text for _, text in diagrams])
    rows = ["| diagrams | count | overlapping pairs (in how many) | of which text over text (in how many) |",
            "|---|---|---|---|"]
    for name in ("C4", "flowchart", "other"):
        mine = [r for (_, t), r in zip(diagrams, reports) if family(t) == name and r.error is None]
        if not mine:
            continue
        pairs, hit = sum(r.count for r in mine), sum(r.count > 0 for r in mine)
        texts, text_hit = sum(r.text_pairs for r in mine), sum(r.text_pairs > 0 for r in mine)
        rows.append(f"| {name} | {len(mine)} | {pairs} ({hit}/{len(mine)}) | {texts} ({text_hit}/{len(mine)}) |")
    return rows
