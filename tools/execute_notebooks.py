"""Execute notebooks top to bottom and save them with their outputs (make execute).

    python tools/execute_notebooks.py --kernel python3 --timeout 300 notebooks solutions

Each notebook runs in a fresh kernel whose working folder is the notebook's folder. No run
times are saved (nbclient's per-cell timestamps), so re-executing an unchanged notebook
gives the same file.
Configuration folders point at a temporary folder, so a maintainer's own Jupyter,
IPython or matplotlib settings cannot leak into the saved outputs.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path, kernel, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps of an earlier run
    nbformat.write(nb, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kernel", default="python3")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chipexport-execute-") as tmp:
        for var in ("JUPYTER_CONFIG_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = [p for folder in args.folders if Path(folder).is_dir()
                 for p in sorted(Path(folder).glob("*.ipynb"))]
        for path in paths:
            print(f"executing {path}", flush=True)
            execute(path, args.kernel, args.timeout)
    print(f"{len(paths)} notebooks executed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
