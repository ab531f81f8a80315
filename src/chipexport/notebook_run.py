"""Run one submitted notebook in a fresh kernel and read its answers out as plain values.

Used by `python -m chipexport.grade`. The notebook runs from a temporary copy, in a temporary
folder that also holds a private copy of the datasets, offline (the guard of
`chipexport.offline`), with a time limit per cell. A cell that raises is noted and the run goes
on, as "Run All" would with errors allowed; a cell that runs past its limit is interrupted and
noted, and the run goes on; a kernel that dies or cannot be interrupted ends the run.

After the last cell, the kernel is asked for each answer as plain JSON (`chipexport.answers`);
nothing else the kernel says is believed. The submission itself is never opened for writing.

This is not a sandbox: the student's code runs with the grader's rights, like any notebook
one opens. Grade untrusted work in a container or as a user who can write nothing else.
"""

import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import answers, offline

KERNEL = "chipexport-grader"
INTERRUPT_GRACE = 10  # seconds to wait for an interrupted cell to stop


@dataclass
class Run:
    """What running one notebook gave: the answers by name, notes on cells, and whether it ended early."""

    answers: dict = field(default_factory=dict)   # name -> plain JSON value (see chipexport.answers)
    notes: list = field(default_factory=list)     # "cell 12 raised NameError: ...", "cell 7 ran past 30 s ..."
    stopped: str = ""                             # why the run ended before its answers could be read


def _kernel_spec_dir(root):
    """A kernel spec that starts this Python (the grader's own), whatever PATH says."""
    spec = Path(root) / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "chipexport grader", "language": "python"}), encoding="utf-8")
    return spec.parent


def _environment(root, data_copy):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JPY_", "JUPYTER_", "IPYTHON"))}
    env.update(IPYTHONDIR=str(root / "ipython"), MPLBACKEND="Agg", CHIPEXPORT_DATA=str(data_copy),
               MPLCONFIGDIR=str(root / "matplotlib"), JUPYTER_CONFIG_DIR=str(root / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(root / "jupyter-runtime"), PYTHONDONTWRITEBYTECODE="1")
    offline.write_startup_file(root / "ipython")
    return env


def _code_cells(nb):
    for index, cell in enumerate(nb.get("cells", [])):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            if source.strip():
                yield index + 1, source  # cells numbered from 1, as JupyterLab's status bar does


def _short(text, limit=160):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _execute(km, kc, source, timeout):
    """('ok' | 'error' | 'timeout' | 'stuck' | 'dead', the reply content or None)."""
    try:
        reply = kc.execute_interactive(source, timeout=timeout, allow_stdin=False, output_hook=lambda msg: None)
        return reply["content"]["status"], reply["content"]
    except TimeoutError:
        if not km.is_alive():
            return "dead", None
        km.interrupt_kernel()
        deadline = time.monotonic() + INTERRUPT_GRACE
        while time.monotonic() < deadline:  # the interrupted cell's reply, or the kernel is stuck
            try:
                kc.get_shell_msg(timeout=1)
                return "timeout", None
            except Exception:
                if not km.is_alive():
                    return "dead", None
        return "stuck", None
    except Exception:  # the channels broke: the kernel is gone
        return ("dead" if not km.is_alive() else "stuck"), None


def run(notebook_bytes, names, data_dir, cell_timeout=30, filename="submission.ipynb", attempts=3):
    """Run a notebook (its bytes) and return a Run with the answers held by `names`.

    data_dir: the datasets folder to copy for the run; cell_timeout: seconds per cell.
    A cell that stops the kernel (a stray `exit()`) or cannot be interrupted is noted and the
    notebook runs again in a fresh kernel without it, up to `attempts` runs in all.
    A notebook that is not valid JSON gives a Run whose `stopped` says so.
    """
    result = Run()
    try:
        nb = json.loads(notebook_bytes.decode("utf-8"))
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
            raise ValueError("it has no list of cells")
    except (ValueError, UnicodeDecodeError) as error:
        result.stopped = f"not a readable notebook (not valid notebook JSON: {_short(error, 80)})"
        return result
    skipped = []
    for _ in range(attempts):
        result, culprit = _attempt(nb, notebook_bytes, names, data_dir, cell_timeout, filename, skipped)
        if culprit is None:
            break
        skipped.append(culprit)
    if skipped and not result.stopped:
        result.notes.append(f"cell {', '.join(map(str, skipped))} stopped the run; the notebook was run "
                            "again without it")
    return result


def _attempt(nb, notebook_bytes, names, data_dir, cell_timeout, filename, skipped):
    """One run in a fresh kernel, leaving out the cells numbered in `skipped`: (Run, the number
    of a cell that stopped the kernel or could not be interrupted, or None)."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    result = Run()
    with tempfile.TemporaryDirectory(prefix="chipexport-grade-") as tmp:
        root = Path(tmp)
        work, data_copy = root / "course" / "exercises", root / "course" / "datasets"
        work.mkdir(parents=True)
        shutil.copytree(data_dir, data_copy)
        (work / Path(filename).name).write_bytes(notebook_bytes)  # a temporary copy, for the student's code to find
        ksm = KernelSpecManager(kernel_dirs=[str(_kernel_spec_dir(root))])
        km = KernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm)
        km.start_kernel(cwd=str(work), env=_environment(root, data_copy),
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            for number, source in _code_cells(nb):
                if number in skipped:
                    continue
                status, content = _execute(km, kc, source, cell_timeout)
                if status == "error":
                    result.notes.append(f"cell {number} raised {content.get('ename', 'an error')}: "
                                        f"{_short(content.get('evalue', ''))}")
                elif status == "timeout":
                    result.notes.append(f"cell {number} ran longer than {cell_timeout:g} s and was interrupted")
                elif status in ("stuck", "dead"):
                    result.stopped = (f"cell {number} ran longer than {cell_timeout:g} s and could not be interrupted"
                                      if status == "stuck" else f"the kernel stopped while running cell {number}")
                    return result, number
            result.answers = _read_answers(kc, names)
            if result.answers is None:
                result.answers, result.stopped = {}, "the answers could not be read out of the kernel after the run"
        except RuntimeError as error:  # the kernel never became ready
            result.stopped = f"the kernel did not start ({_short(error, 80)})"
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return result, None


def _read_answers(kc, names):
    """{name: plain value} from the kernel, or None when it would not say."""
    try:
        reply = kc.execute_interactive(answers.kernel_code(names), timeout=60, allow_stdin=False,
                                       store_history=False, output_hook=lambda msg: None,
                                       user_expressions={"answers": "_chipexport_json"})
        found = reply["content"]["user_expressions"]["answers"]
        values = json.loads(ast.literal_eval(found["data"]["text/plain"]))
        return {name: values.get(name, {"kind": answers.MISSING}) for name in names}
    except Exception:
        return None
