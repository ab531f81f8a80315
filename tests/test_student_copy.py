"""`make student-copy DEST=folder` (tools/student_copy.py): what an instructor hands out has no
solutions and no instructor cells, its exercises run top to bottom with every check "Not
answered yet", no solution line leaks into it, and it refuses to write where it must not."""

import json
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from layers import ROOT
from test_exercises import _norm, region_lines

TOOL = ROOT / "tools" / "student_copy.py"


def make_copy(dest, *extra):
    return subprocess.run([sys.executable, str(TOOL), str(dest), *extra], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("class") / "handout"
    done = make_copy(dest)
    assert done.returncode == 0, done.stderr
    return dest


def test_the_copy_holds_the_course_and_no_solutions(copy):
    for name in ("notebooks", "exercises", "datasets", "src/chipexport", "prefix", "environment.yml", "postBuild",
                 "requirements.lock", "pyproject.toml", "README.md", "Makefile", "LICENSE", "CITATION.cff"):
        assert (copy / name).exists(), name
    for name in ("solutions", "tests", "tools", "docs", "benchmarks", "grades"):
        assert not (copy / name).exists(), name
    assert sorted(p.name for p in (copy / "notebooks").glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (copy / "exercises").glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "exercises").glob("*.ipynb"))


def test_no_cell_of_the_copy_is_tagged_instructor_or_holds_a_model_answer(copy):
    for path in list((copy / "notebooks").glob("*.ipynb")) + list((copy / "exercises").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            assert "instructor" not in cell.get("metadata", {}).get("tags", []), path.name
            text = "".join(cell["source"])
            assert not re.search(r"\*\*(Model answer|Rubric)", text), f"{path.name}: {text[:60]}"


@pytest.mark.parametrize("solution", sorted((ROOT / "solutions").glob("*_solutions.ipynb")), ids=lambda p: p.name)
def test_no_solution_line_leaks_into_any_notebook_of_the_copy(copy, solution):
    inside, outside = region_lines(nbformat.read(solution, as_version=4))
    secret = {line for line in inside - outside  # 12 characters or more, not an import or a table rule
              if len(line) >= 12 and not re.match(r"(import|from) ", line) and sum(map(str.isalnum, line)) >= 8}
    assert secret
    for path in list((copy / "notebooks").glob("*.ipynb")) + list((copy / "exercises").glob("*.ipynb")):
        lines = {_norm(line) for c in nbformat.read(path, as_version=4).cells for line in c.source.split("\n")}
        assert not secret & lines, f"{path.name} shows solution lines: {sorted(secret & lines)[:3]}"


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb")))
def test_the_copys_exercises_run_top_to_bottom_with_every_check_not_answered_yet(copy, name, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(copy / "src"))  # the copy's own package, not the repository's
    nb = nbformat.read(copy / "exercises" / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(copy / "exercises")}}).execute()
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    assert checks
    for cell in checks:
        text = " ".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs)
        assert text.startswith("Not answered yet"), f"{name}: {cell.source} said {text[:80]!r}"
    guard = next(c for c in nb.cells if c.cell_type == "code" and "import chipexport" in c.source)
    assert not any("using the copy in ../src" in o.get("text", "") for o in guard.outputs)


def test_it_refuses_the_repository_a_folder_in_use_and_a_folder_with_solutions(tmp_path):
    inside = make_copy(ROOT / "build" / "copy")
    assert inside.returncode == 2 and "inside the course repository" in inside.stderr
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    assert make_copy(busy).returncode == 2
    forced = make_copy(busy, "--force")
    assert forced.returncode == 0 and "notes.txt" in forced.stdout
    assert (busy / "notes.txt").read_text() == "mine" and (busy / "notebooks").is_dir()
    (busy / "solutions").mkdir()
    refused = make_copy(busy, "--force")
    assert refused.returncode == 2 and "solutions" in refused.stderr
