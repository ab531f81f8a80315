"""Generate the exercise notebooks from the solution notebooks (one source).

    python -m chipexport.exercises build            write exercises/ from solutions/
    python -m chipexport.exercises build --check    fail if an exercise is stale or missing
    python -m chipexport.exercises build --force    also overwrite exercises a student changed

In a solution notebook, an answer sits between two marker lines (nbgrader's):

    ### BEGIN SOLUTION (hint: USD billion)
    revenue = table["value_low"].sum()
    ### END SOLUTION

The exercise gets `revenue = ...  # USD billion` instead: the name assigned last in the
region, then `...` and the hint. Inside a function body it gets `return ...  # hint`.

A blank can also be one expression inside a written-out line, marked at the line's end:

    share = 100 * china / total  ### BLANK `china` (hint: the China revenue, USD billion)

The exercise gets `share = 100 * ___ / total  # the China revenue, USD billion`. `___` (from
`chipexport.checks`) turns every operation on it into `___` again, so the cell still runs and
the check says "Not answered yet". The blank must sit inside arithmetic or a comparison (not
inside a function call or an index), and later lines of the cell may use the line's name only
in arithmetic too.
After a region, only check() cells may use its name, and no cell may use a helper name the
region assigns, so "Run All" on a fresh exercise notebook runs clean; the build fails
otherwise. Markdown cells tagged `solution` become "_Write your answer here._"; cells
tagged `instructor` (model answers, rubrics) are removed. Outputs and execution counts
are cleared, a cell folded in the solution stays folded, and a rebuild is byte-identical.

An exercise notebook that differs from what the generator last wrote (hashes in
exercises/.manifest.json) is a student's work: it is skipped, and the build says so.
"""

import argparse
import copy
import hashlib
import json
import sys
from pathlib import Path

import nbformat

from .solution_cells import (BEGIN, END, INLINE, BuildError, check_blank_uses, check_later_use,  # noqa: F401
                             exercise_source, is_check_cell)

WRITE_HERE = "_Write your answer here._"
MANIFEST = ".manifest.json"


# ----------------------------------------------------------------------------- one notebook

def exercise_name(solution_path):
    """solutions/NN_name_solutions.ipynb -> NN_name_exercises.ipynb"""
    name = Path(solution_path).name
    if not name.endswith("_solutions.ipynb"):
        raise BuildError(f"{name}: a solution notebook's name ends with _solutions.ipynb.")
    return name[: -len("_solutions.ipynb")] + "_exercises.ipynb"


def header_cell(solution_path):
    cell = nbformat.v4.new_markdown_cell(
        f"_This exercise notebook is generated from `solutions/{Path(solution_path).name}`. "
        "Fill in each `...`, run the cell, then run the check below it. Your changes are yours: "
        "rebuilding the exercises never overwrites a notebook you changed._")
    cell["id"] = "exercise-header"
    return cell


def build_notebook(solution_path):
    """The exercise notebook for one solution notebook, as text (deterministic)."""
    label = f"solutions/{Path(solution_path).name}"
    nb = nbformat.read(solution_path, as_version=4)
    cells, kept = nb.cells, []
    for i, cell in enumerate(cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if "instructor" in tags:
            continue
        new = copy.deepcopy(cell)
        if cell.cell_type == "code":
            new.source, names, blanks = exercise_source(cell.source, f"{label}, cell {i + 1}")
            for name, helpers, end in names:
                check_later_use(cells, name, helpers, i, end, label)
            for name, line in blanks:
                check_blank_uses(cells, i, line, name, label)
            new.outputs, new.execution_count = [], None
        elif cell.cell_type == "markdown" and "solution" in tags:
            new.source = WRITE_HERE
        new.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags", "jupyter")}  # jupyter: folded
        if "tags" in new.metadata:
            new.metadata["tags"] = [t for t in new.metadata["tags"] if t != "solution"]
            if not new.metadata["tags"]:
                del new.metadata["tags"]
        kept.append(new)
    metadata = {k: nb.metadata[k] for k in ("kernelspec", "language_info") if k in nb.metadata}
    out = nbformat.v4.new_notebook(cells=[header_cell(solution_path)] + kept, metadata=metadata)
    out.nbformat_minor = 5
    return nbformat.writes(out) + "\n"


# ----------------------------------------------------------------------------- the folder

def _sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_manifest(folder):
    path = folder / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def build(solutions="solutions", exercises="exercises", check=False, force=False, out=print):
    """Build (or check) every exercise notebook; returns a process exit code (0 = fine)."""
    solutions, exercises = Path(solutions), Path(exercises)
    sources = sorted(solutions.glob("*_solutions.ipynb"))
    manifest = _read_manifest(exercises)
    new_manifest, problems = dict(manifest), []
    for source in sources:
        target = exercises / exercise_name(source)
        text = build_notebook(source)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if check:
            if current is None:
                problems.append(f"missing: {target}")
            elif current != text:
                problems.append(f"stale: {target} differs from what {source} generates")
            continue
        if current == text:
            out(f"unchanged {target}")
        elif current is not None and _sha(current) != manifest.get(target.name) and not force:
            out(f"skipped {target}: it was changed since it was generated, so it is kept as it is "
                "(use --force to overwrite it)")
            continue
        else:
            exercises.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            out(f"wrote {target}")
        new_manifest[target.name] = _sha(text)
    if check:
        for p in problems:
            out(p)
        if problems:
            out("run `make exercises` to rebuild")
        return 1 if problems else 0
    if new_manifest != manifest:
        exercises.mkdir(parents=True, exist_ok=True)
        (exercises / MANIFEST).write_text(json.dumps(new_manifest, indent=2, sort_keys=True) + "\n",
                                          encoding="utf-8")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m chipexport.exercises",
                                     description="Generate exercise notebooks from solution notebooks.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write exercises/ from solutions/")
    b.add_argument("--check", action="store_true", help="fail if an exercise is stale or missing; write nothing")
    b.add_argument("--force", action="store_true", help="also overwrite exercises changed since they were generated")
    b.add_argument("--solutions", default="solutions", help="folder of *_solutions.ipynb (default: solutions)")
    b.add_argument("--exercises", default="exercises", help="folder to write (default: exercises)")
    args = parser.parse_args(argv)
    try:
        return build(args.solutions, args.exercises, check=args.check, force=args.force)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
