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
After a region, only check() cells may use its name, and no cell may use a helper name the
region assigns, so "Run All" on a fresh exercise notebook runs clean; the build fails
otherwise. Markdown cells tagged `solution` become "_Write your answer here._"; cells
tagged `instructor` (model answers, rubrics) are removed. Outputs and execution counts
are cleared, and a rebuild is byte-identical.

An exercise notebook that differs from what the generator last wrote (hashes in
exercises/.manifest.json) is a student's work: it is skipped, and the build says so.
"""

import argparse
import ast
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION(?:[ \t]*\(hint:[ \t]*(?P<hint>.*?)\))?[ \t]*$")
END = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
WRITE_HERE = "_Write your answer here._"
MANIFEST = ".manifest.json"


class BuildError(ValueError):
    """A solution notebook that cannot become a clean exercise notebook."""


# ----------------------------------------------------------------------------- regions

def _regions(lines, where):
    """[(begin index, end index, indent, hint)] of the solution regions in a cell's lines."""
    found, begin = [], None
    for i, line in enumerate(lines):
        m = BEGIN.match(line)
        if m:
            if begin is not None:
                raise BuildError(f"{where}: a BEGIN SOLUTION line inside another region (line {i + 1}).")
            begin = (i, m["indent"], (m["hint"] or "").strip())
        elif END.match(line):
            if begin is None:
                raise BuildError(f"{where}: an END SOLUTION line without a BEGIN (line {i + 1}).")
            found.append((begin[0], i, begin[1], begin[2]))
            begin = None
    if begin is not None:
        raise BuildError(f"{where}: BEGIN SOLUTION at line {begin[0] + 1} has no END SOLUTION.")
    return found


def _in_function(tree, line_number):
    """Whether line `line_number` (1-based) lies inside a function body of `tree`."""
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
               and node.lineno < line_number <= node.end_lineno
               for node in ast.walk(tree))


def _parse_region(region_lines, where):
    """The statements of a region (dedented), or a BuildError."""
    indent = min((len(l) - len(l.lstrip()) for l in region_lines if l.strip()), default=0)
    try:
        return ast.parse("\n".join(l[indent:] for l in region_lines)).body
    except SyntaxError as error:
        raise BuildError(f"{where}: the solution region is not valid Python ({error.msg}):\n"
                         + "\n".join(region_lines)) from None


def _stores(body):
    """Every name a region assigns (its answer and any helper names)."""
    return {n.id for node in body for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _target(body, text, where):
    """The name assigned last in a region, from its statements `body` (`text`: its source)."""
    for node in reversed(body):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            return node.targets[0].id
        if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            return node.target.id
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            raise BuildError(f"{where}: the region's last assignment must give one plain name "
                             f"(like `answer = ...`):\n{text}")
    raise BuildError(f"{where}: a solution region must assign its answer to a name "
                     f"(like `answer = ...`), or sit inside a function body:\n{text}")


def _stub(indent, statement, hint):
    return f"{indent}{statement}  # {hint}" if hint else f"{indent}{statement}"


def _exercise_source(source, where):
    """(exercise source, [names answered at top level]) for one code cell."""
    lines = source.split("\n")
    regions = _regions(lines, where)
    if not regions:
        return source, []
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise BuildError(f"{where}: the cell is not valid Python ({error.msg}).") from None
    out, names, last = [], [], 0
    for begin, end, indent, hint in regions:
        out += lines[last:begin]
        if indent and _in_function(tree, begin + 1):
            out.append(_stub(indent, "return ...", hint))
        else:
            body = _parse_region(lines[begin + 1:end], where)
            name = _target(body, "\n".join(lines[begin + 1:end]), where)
            helpers = _stores(body) - {name}
            names.append((name, helpers, end))
            out.append(_stub(indent, f"{name} = ...", hint))
        last = end + 1
    out += lines[last:]
    return "\n".join(out), names


# ----------------------------------------------------------------------------- later use of answers

def _loads(source):
    """Names read (loaded) by a piece of Python source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _outside_regions(source):
    """The lines of a cell that an exercise keeps as they are (solution regions dropped)."""
    kept, inside = [], False
    for line in source.split("\n"):
        if BEGIN.match(line):
            inside = True
        elif END.match(line):
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def is_check_cell(source):
    """Whether every statement of a code cell is a call of check(...)."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    def is_check(node):
        return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and ((isinstance(node.value.func, ast.Name) and node.value.func.id == "check")
                     or (isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "check")))
    return bool(body) and all(is_check(n) for n in body)


def _check_later_use(cells, name, helpers, cell_index, end_line, label):
    """Fail when, after a region, a cell other than a check cell reads the region's answer, or
    any cell reads a helper name the region assigned (the exercise has neither)."""
    same_cell_rest = "\n".join(cells[cell_index].source.split("\n")[end_line + 1:])
    if name in _loads(same_cell_rest):
        raise BuildError(f"{label}, cell {cell_index + 1}: `{name}` is used after its solution region in the "
                         "same cell. Move that use into a check() cell, or give it another name.")
    for j in range(cell_index, len(cells)):
        source = _outside_regions(same_cell_rest if j == cell_index else cells[j].source)
        if cells[j].cell_type != "code" or "instructor" in cells[j].get("metadata", {}).get("tags", []):
            continue
        used = sorted(helpers & _loads(source))
        if used:
            raise BuildError(f"{label}, cell {j + 1} uses `{used[0]}`, a name the solution region in cell "
                             f"{cell_index + 1} assigns; the exercise does not have it. Assign it before the "
                             "region, or compute it again.")
    for j in range(cell_index + 1, len(cells)):
        cell = cells[j]
        if "instructor" in cell.get("metadata", {}).get("tags", []):
            continue  # removed from the exercise
        if cell.cell_type == "code" and name in _loads(cell.source) and not is_check_cell(cell.source):
            raise BuildError(f"{label}, cell {j + 1} uses `{name}`, the answer of the solution region in "
                             f"cell {cell_index + 1}. After a region only check() cells may use its name "
                             "(the exercise has `...` there): compute again under another name, or move the use "
                             "into a check() cell.")


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
            new.source, names = _exercise_source(cell.source, f"{label}, cell {i + 1}")
            for name, helpers, end in names:
                _check_later_use(cells, name, helpers, i, end, label)
            new.outputs, new.execution_count = [], None
        elif cell.cell_type == "markdown" and "solution" in tags:
            new.source = WRITE_HERE
        new.metadata = {k: v for k, v in cell.metadata.items() if k == "tags"}
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
