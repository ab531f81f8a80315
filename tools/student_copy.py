"""Write the student copy of the course: what an instructor hands out.

    python tools/student_copy.py DEST [--force]
    make student-copy DEST=folder

DEST gets the lessons (`notebooks/`, every cell tagged `instructor` taken out), the exercise
notebooks generated afresh from `solutions/` (so an instructor's own trial answers never travel),
`datasets/`, the package (`src/`), the environment files (environment.yml, postBuild,
requirements.lock, pyproject.toml, prefix/), LICENSE, CITATION.cff, and a README and a Makefile
for students (tools/student/). It never writes `solutions/`, the tests, the tools or docs/.

It refuses a DEST inside this repository, a DEST that is not empty (unless --force: then the
parts it writes are replaced, and anything else there is left and named), and, even with
--force, a DEST that holds a `solutions` folder.
"""

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from chipexport import exercises  # noqa: E402

FILES = ["environment.yml", "postBuild", "requirements.lock", "pyproject.toml", "LICENSE", "CITATION.cff"]
FOLDERS = ["datasets", "prefix"]
FROM_TEMPLATES = {"README.md": ROOT / "tools" / "student" / "README.md",
                  "Makefile": ROOT / "tools" / "student" / "Makefile"}
WRITTEN = FILES + FOLDERS + list(FROM_TEMPLATES) + ["notebooks", "exercises", "src", ".gitignore"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")


def without_instructor_cells(path):
    """A notebook's text with every cell tagged `instructor` taken out (outputs kept)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if "instructor" not in c.get("metadata", {}).get("tags", [])]
    return nbformat.writes(nb) + "\n"


def refusal(dest, force):
    """None, or a sentence saying why DEST will not be written."""
    dest = Path(dest).resolve()
    if dest == ROOT or ROOT in dest.parents:
        return f"{dest} is inside the course repository; write the student copy somewhere else."
    if (dest / "solutions").exists():
        return f"{dest} holds a solutions folder: remove it first (a student copy must not carry solutions)."
    if dest.exists() and not dest.is_dir():
        return f"{dest} is a file, not a folder."
    if dest.exists() and any(dest.iterdir()) and not force:
        return (f"{dest} is not empty: choose an empty folder, or add --force (with make: FORCE=1) to replace "
                "the course files in it.")
    return None


def write(dest):
    """Write the student copy into DEST (checked by `refusal` first); returns what else is in DEST."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in WRITTEN:
        target = dest / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for name in FILES:
        shutil.copy2(ROOT / name, dest / name)
    for name in FOLDERS:
        shutil.copytree(ROOT / name, dest / name, ignore=IGNORED)
    shutil.copytree(ROOT / "src", dest / "src", ignore=IGNORED)
    for name, template in FROM_TEMPLATES.items():
        shutil.copy2(template, dest / name)
    (dest / ".gitignore").write_text(".venv/\n.ipynb_checkpoints/\n__pycache__/\n", encoding="utf-8")
    (dest / "notebooks").mkdir()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        (dest / "notebooks" / path.name).write_text(without_instructor_cells(path), encoding="utf-8")
    (dest / "exercises").mkdir()
    for solution in sorted((ROOT / "solutions").glob("*_solutions.ipynb")):
        text = exercises.build_notebook(solution)
        (dest / "exercises" / exercises.exercise_name(solution)).write_text(text, encoding="utf-8")
    return sorted(p.name for p in dest.iterdir() if p.name not in WRITTEN)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/student_copy.py",
                                     description="Write the student copy of the course (no solutions, no instructor cells).")
    parser.add_argument("dest", help="the folder to write (outside this repository)")
    parser.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    args = parser.parse_args(argv)
    why = refusal(args.dest, args.force)
    if why:
        print(f"error: {why}", file=sys.stderr)
        return 2
    others = write(args.dest)
    print(f"wrote the student copy to {Path(args.dest).resolve()}: notebooks/, exercises/, datasets/, src/, "
          "the environment files and a README for students; no solutions, no instructor cells.")
    if others:
        print(f"also in that folder, left as they were: {', '.join(others)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
