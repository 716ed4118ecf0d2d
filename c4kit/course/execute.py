"""Run every course notebook top to bottom and say which ones fail, where and how long each took.

Why papermill's Python API in a process pool rather than ``papermill`` on the
command line: the CLI re-imports its stack for every notebook (about four
seconds each), while a worker that imports papermill once pays only for the
kernel.  Two workers keep a two-core machine busy without starving it.

Rules a course needs that papermill does not know:

* Notebooks under ``exercises/`` stop where the learner has work to do, with
  ``raise NotImplementedError``.  They run with errors allowed, and pass when
  every error they raised is a ``NotImplementedError``; anything else fails.
* Nothing a learner (or author) wrote is overwritten by accident: outputs go
  to ``_build/executed/`` unless ``inplace`` is asked for, and in-place runs
  drop papermill's bookkeeping (timings, status) so commits stay clean.
* Parameters (cells tagged ``parameters``) let CI sweep variants (the ones a
  notebook declares are planned by :mod:`c4kit.course.sweep`); they are
  refused together with ``inplace`` so CI values never land in the course.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from c4kit.course.discover import CourseNotebook
from c4kit.course.errors import CourseError, ExecutionFailed

DEFAULT_OUT = Path("_build") / "executed"
ALLOWED_IN_EXERCISES = "NotImplementedError"
DEFAULT_KERNEL = "python3"


@dataclass(frozen=True)
class Job:
    """What one worker needs to run one notebook (plain data: it crosses a process boundary)."""

    rel: str
    source: str
    output: str
    exercise: bool
    parameters: dict[str, Any] = field(default_factory=dict)
    timeout: int = 600
    clean: bool = False


@dataclass
class ExecutionResult:
    """How one notebook ran."""

    notebook: str
    output: str
    ok: bool
    seconds: float
    #: "cell 4: NameError: name 'x' is not defined" when it failed.
    error: str = ""
    #: The ``NotImplementedError`` stops an exercise is allowed to have ("cell 3").
    allowed: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.ok:
            return "FAILED"
        if not self.allowed:
            return "ok"
        return f"ok ({len(self.allowed)} exercise stop{'s' if len(self.allowed) != 1 else ''})"


# ------------------------------------------------------------------ worker side
_IPC_DIR: str | None = None


def _ipc_dir() -> str:
    """One private folder per process for kernel sockets (removed at exit)."""
    global _IPC_DIR
    if _IPC_DIR is None:
        _IPC_DIR = tempfile.mkdtemp(prefix="c4kit-kernels-")
        atexit.register(shutil.rmtree, _IPC_DIR, True)
    return _IPC_DIR


def _kernel_manager_class() -> type:
    """A kernel manager that talks to its kernel over Unix sockets in a private folder.

    Local kernels have no reason to listen on TCP ports: IPC needs no free port
    (two workers never race for one), is not reachable by other users, and
    keeps ipykernel's "running over TCP without encryption" warning (one per
    notebook) out of the progress output.
    """
    from jupyter_client.manager import KernelManager

    class IPCKernelManager(KernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            if os.name == "posix":
                self.transport = "ipc"
                self.ip = os.path.join(_ipc_dir(), f"kernel-{os.getpid()}-{id(self)}")

    return IPCKernelManager


def _init_worker() -> None:
    """Import papermill once per worker and keep its logging out of the progress bar."""
    import papermill  # noqa: F401

    logging.getLogger("papermill").setLevel(logging.ERROR)
    logging.getLogger("traitlets").setLevel(logging.ERROR)


def _errors(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """(cell index, exception name, message) for every error output, in order."""
    return [(ci, out.get("ename", "Error"), out.get("evalue", ""))
            for ci, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if out.get("output_type") == "error"]


def clean_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop run bookkeeping (papermill status, per-cell timings) that would churn every commit."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


def run_job(job: Job) -> ExecutionResult:
    """Execute one notebook with papermill (in a worker, or in-process for a single notebook)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = Path(job.source)
    output = Path(job.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(str(source), as_version=4)
    kernel = None if nb.metadata.get("kernelspec", {}).get("name") else DEFAULT_KERNEL
    # Write to a scratch file first: a failed in-place run must not leave a half-run notebook behind.
    fd, scratch_name = tempfile.mkstemp(suffix=".ipynb", dir=output.parent, prefix=".c4kit-run-")
    os.close(fd)
    scratch = Path(scratch_name)
    start = time.perf_counter()
    error = ""
    try:
        papermill.execute_notebook(str(source), str(scratch), parameters=job.parameters or None,
                                   kernel_name=kernel, progress_bar=False, cwd=str(source.parent),
                                   execution_timeout=job.timeout, allow_errors=job.exercise,
                                   kernel_manager_class=_kernel_manager_class())
    except PapermillExecutionError as err:
        if not job.exercise:
            error = f"cell {err.cell_index + 1}: {err.ename}: {err.evalue}"
    except Exception as err:  # kernel died, timeout, missing kernel: report it, do not kill the whole run
        error = f"{type(err).__name__}: {str(err).strip().splitlines()[0] if str(err).strip() else ''}"
    seconds = time.perf_counter() - start
    allowed: list[str] = []
    try:
        if scratch.stat().st_size:
            ran = nbformat.read(str(scratch), as_version=4)
            if job.exercise:
                # papermill marks the first error with two red markdown cells; an exercise stop is expected.
                from papermill.execute import remove_error_markers

                ran = remove_error_markers(ran)
            if job.exercise and not error:
                for ci, ename, evalue in _errors(ran):
                    if ename == ALLOWED_IN_EXERCISES:
                        allowed.append(f"cell {ci + 1}")
                    elif not error:
                        error = (f"cell {ci + 1}: {ename}: {evalue} (exercises may raise only "
                                 f"{ALLOWED_IN_EXERCISES})")
            if not error or not job.clean:
                if job.clean:
                    clean_metadata(ran)
                nbformat.write(ran, str(output))
    finally:
        scratch.unlink(missing_ok=True)
    return ExecutionResult(job.rel, str(output), ok=not error, seconds=seconds, error=error, allowed=allowed)


# ------------------------------------------------------------------ driver side
def plan(notebooks: Sequence[CourseNotebook], root: Path, *, out_dir: Path | None = None, inplace: bool = False,
         parameters: dict[str, Any] | None = None, timeout: int = 600) -> list[Job]:
    """One job per notebook; where each output goes follows the rules in the module docstring."""
    if inplace and parameters:
        raise CourseError("--inplace together with parameters would write CI values into the course notebooks",
                          hint="drop -p to refresh committed outputs, or drop --inplace to sweep parameters")
    out_dir = Path(root) / DEFAULT_OUT if out_dir is None else Path(out_dir)
    jobs = []
    for nb in notebooks:
        # Exercises are generated without outputs (c4kit exercises build): an in-place
        # run would make them drift from solutions/, so their outputs go to out_dir.
        target = nb.path if inplace and not nb.is_exercise else out_dir / nb.rel
        jobs.append(Job(nb.rel, str(nb.path), str(target), nb.is_exercise, dict(parameters or {}), timeout,
                        clean=inplace and not nb.is_exercise))
    return jobs


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="nb", desc="executing", disable=not enabled or None, file=sys.stderr,
                dynamic_ncols=True)


def run_jobs(jobs: Sequence[Job], *, workers: int = 2, progress: bool = True) -> list[ExecutionResult]:
    """Run jobs across ``workers`` processes (in-process for one job or one worker); results in job order."""
    results: dict[str, ExecutionResult] = {}
    bar = _progress(len(jobs), progress)
    try:
        if workers <= 1 or len(jobs) <= 1:
            _init_worker()
            for job in jobs:
                bar.set_postfix_str(job.rel, refresh=False)
                results[job.rel] = run_job(job)
                bar.update()
        else:
            # spawn: a fresh interpreter per worker, safe whatever threads the parent runs (tqdm, the browser)
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                     initializer=_init_worker) as pool:
                futures: dict[Future, Job] = {pool.submit(run_job, job): job for job in jobs}
                for future in as_completed(futures):
                    job = futures[future]
                    try:
                        result = future.result()
                    except Exception as err:  # a worker that crashed outright
                        result = ExecutionResult(job.rel, job.output, False, 0.0, f"worker crashed: {err}")
                    results[job.rel] = result
                    bar.set_postfix_str(job.rel, refresh=False)
                    bar.update()
    finally:
        bar.close()
    return [results[job.rel] for job in jobs]


def execute(notebooks: Sequence[CourseNotebook], root: Path, *, out_dir: Path | None = None, inplace: bool = False,
            parameters: dict[str, Any] | None = None, workers: int = 2, timeout: int = 600,
            progress: bool = True) -> list[ExecutionResult]:
    """Run the notebooks; see :func:`raise_for_failures` to turn failures into one clear error."""
    jobs = plan(notebooks, root, out_dir=out_dir, inplace=inplace, parameters=parameters, timeout=timeout)
    return run_jobs(jobs, workers=workers, progress=progress)


def raise_for_failures(results: Sequence[ExecutionResult]) -> None:
    """One :class:`ExecutionFailed` listing every notebook that failed, or nothing."""
    failed = [r for r in results if not r.ok]
    if failed:
        lines = "\n".join(f"  {r.notebook}: {r.error}" for r in failed)
        raise ExecutionFailed(f"{len(failed)} of {len(results)} notebook(s) failed:\n{lines}",
                              hint="open the notebook, run it top to bottom (Kernel > Restart and Run All) and fix "
                                   "the first failing cell; exercises may only raise NotImplementedError")


def timing_table(results: Sequence[ExecutionResult], wall: float | None = None) -> str:
    """A plain-text table: notebook, status, seconds; slowest marked so CI logs show where time goes."""
    if not results:
        return "no notebooks to run"
    width = max(len("notebook"), *(len(r.notebook) for r in results))
    status_width = max(len("status"), *(len(r.status) for r in results))
    lines = [f"{'notebook':<{width}}  {'status':<{status_width}}  {'seconds':>8}",
             f"{'-' * width}  {'-' * status_width}  {'-' * 8}"]
    for r in results:
        lines.append(f"{r.notebook:<{width}}  {r.status:<{status_width}}  {r.seconds:8.1f}")
    total = sum(r.seconds for r in results)
    summary = f"{len(results)} notebook(s), {sum(not r.ok for r in results)} failed, {total:.1f} s of kernel time"
    if wall is not None:
        summary += f", {wall:.1f} s wall clock"
    lines.append(summary)
    return "\n".join(lines)
