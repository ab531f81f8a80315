"""The exercise generator (design §4): every rule, idempotence, protected student work,
--check, and the leak test."""

import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from chipexport import exercises
from chipexport.exercises import BuildError, build, build_notebook
from layers import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE = FIXTURES / "solutions" / "00_fixture_solutions.ipynb"
EXPECTED = FIXTURES / "expected" / "00_fixture_exercises.ipynb"


def solution(tmp_path, *cells, name="01_demo_solutions.ipynb"):
    """Write a small solution notebook from (kind, source, tags) triples; return its folder."""
    folder = tmp_path / "solutions"
    folder.mkdir(exist_ok=True)
    made = []
    for kind, source, *tags in cells:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        if tags:
            cell.metadata["tags"] = tags[0]
        if kind == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="out\n")]
            cell.execution_count = 7
        made.append(cell)
    nb = nbformat.v4.new_notebook(cells=made, metadata={"kernelspec": {"name": "python3", "display_name": "P"}})
    nbformat.write(nb, folder / name)
    return folder


def sources(text):
    return [("".join(c["source"]), c["cell_type"]) for c in json.loads(text)["cells"]]


# ----------------------------------------------------------------------------- the fixture

def test_fixture_builds_exactly_the_expected_exercise():
    assert build_notebook(FIXTURE) == EXPECTED.read_text(encoding="utf-8")


def test_rebuilding_is_byte_identical_and_says_unchanged(tmp_path):
    shutil.copytree(FIXTURES / "solutions", tmp_path / "solutions")
    log = []
    assert build(tmp_path / "solutions", tmp_path / "exercises", out=log.append) == 0
    first = (tmp_path / "exercises" / "00_fixture_exercises.ipynb").read_bytes()
    manifest = (tmp_path / "exercises" / ".manifest.json").read_bytes()
    assert build(tmp_path / "solutions", tmp_path / "exercises", out=log.append) == 0
    assert (tmp_path / "exercises" / "00_fixture_exercises.ipynb").read_bytes() == first
    assert (tmp_path / "exercises" / ".manifest.json").read_bytes() == manifest
    assert log[0].startswith("wrote") and log[1].startswith("unchanged")


# ----------------------------------------------------------------------------- the rules of §4

def test_hinted_region_becomes_name_dots_hint(tmp_path):
    folder = solution(tmp_path, ("code", "x = 1\n### BEGIN SOLUTION (hint: USD billion)\na = 2\nrevenue = a * 3\n### END SOLUTION"))
    text = build_notebook(folder / "01_demo_solutions.ipynb")
    assert "x = 1\nrevenue = ...  # USD billion" in sources(text)[1][0]


def test_region_without_hint_becomes_name_dots(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION"))
    assert sources(build_notebook(folder / "01_demo_solutions.ipynb"))[1][0] == "answer = ..."


def test_region_in_a_function_body_becomes_return_dots(tmp_path):
    folder = solution(tmp_path, ("code", "def f(x):\n    y = 1\n    ### BEGIN SOLUTION (hint: a number)\n"
                                         "    z = x + y\n    return z\n    ### END SOLUTION"))
    assert sources(build_notebook(folder / "01_demo_solutions.ipynb"))[1][0] == \
        "def f(x):\n    y = 1\n    return ...  # a number"


def test_a_region_without_an_assignment_is_a_build_error(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nprint(42)\n### END SOLUTION"))
    with pytest.raises(BuildError, match="must assign its answer to a name"):
        build_notebook(folder / "01_demo_solutions.ipynb")


def test_a_tuple_assignment_is_a_build_error(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\na, b = 1, 2\n### END SOLUTION"))
    with pytest.raises(BuildError, match="one plain name"):
        build_notebook(folder / "01_demo_solutions.ipynb")


def test_unclosed_and_nested_regions_are_build_errors(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\na = 1"))
    with pytest.raises(BuildError, match="has no END SOLUTION"):
        build_notebook(folder / "01_demo_solutions.ipynb")
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\n### BEGIN SOLUTION\na = 1\n### END SOLUTION"),
                      name="02_demo_solutions.ipynb")
    with pytest.raises(BuildError, match="inside another region"):
        build_notebook(folder / "02_demo_solutions.ipynb")


def test_a_later_non_check_use_of_the_answer_is_a_build_error(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION"),
                      ("code", 'check("1.1", answer)'), ("code", "print(answer + 1)"))
    with pytest.raises(BuildError, match=r"cell 3 uses `answer`.*only check\(\) cells"):
        build_notebook(folder / "01_demo_solutions.ipynb")


def test_a_later_use_of_a_helper_name_from_a_region_is_a_build_error(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nby_id = {1: 2}\nanswer = by_id[1]\n### END SOLUTION"),
                      ("code", 'check("1.1", answer)'), ("code", "by_id[1]"))
    with pytest.raises(BuildError, match=r"cell 3 uses `by_id`, a name the solution region in cell 1 assigns"):
        build_notebook(folder / "01_demo_solutions.ipynb")


def test_a_later_region_may_reuse_a_helper_name(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nby_id = {1: 2}\na = by_id[1]\n### END SOLUTION"),
                      ("code", "### BEGIN SOLUTION\nby_id = {1: 3}\nb = by_id[1]\n### END SOLUTION"))
    text = build_notebook(folder / "01_demo_solutions.ipynb")
    assert "a = ..." in text and "b = ..." in text


def test_a_use_after_the_region_in_the_same_cell_is_a_build_error(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\nprint(answer)"))
    with pytest.raises(BuildError, match="same cell"):
        build_notebook(folder / "01_demo_solutions.ipynb")


# ----------------------------------------------------------------------------- a blank inside a line

def test_a_blank_inside_a_line_keeps_the_line_and_puts_in_three_underscores(tmp_path):
    folder = solution(tmp_path, ("code", "total = 130.5\nshare = 100 * 17.1 / total  ### BLANK `17.1` (hint: USD billion)\n"
                                         "percent = share * 1"), ("code", "check('1.7', share)"))
    out = sources(build_notebook(folder / "01_demo_solutions.ipynb"))[1][0]
    assert out.split("\n")[1] == "share = 100 * ___ / total  # USD billion"
    assert "17.1" not in out.split("\n")[1] and out.split("\n")[0] == "total = 130.5"


def test_a_blank_without_a_hint_and_a_later_line_in_arithmetic(tmp_path):
    folder = solution(tmp_path, ("code", "dense = 3957.8 / 2  ### BLANK `2`\ntpp = dense * 8"), ("code", "check('2.1', tpp)"))
    assert sources(build_notebook(folder / "01_demo_solutions.ipynb"))[1][0] == "dense = 3957.8 / ___\ntpp = dense * 8"


@pytest.mark.parametrize("line, words", [
    ("x = round(2.5)  ### BLANK `2.5`", "function call"),
    ("x = rows[3] * 2  ### BLANK `3`", "function call, an index"),
    ("x = 2 * 3  ### BLANK `2 * 3`", "whole right side"),
    ("x = 2 * 3  ### BLANK `4`", "not one expression"),
    ("print(2 * 3)  ### BLANK `2`", "assigns one name"),
])
def test_a_blank_the_exercise_could_not_run_is_a_build_error(tmp_path, line, words):
    folder = solution(tmp_path, ("code", line))
    with pytest.raises(BuildError, match=words):
        build_notebook(folder / "01_demo_solutions.ipynb")


def test_a_name_holding_a_blank_may_be_used_only_in_arithmetic_then_in_checks(tmp_path):
    bad_in_cell = solution(tmp_path, ("code", "x = 2 * 3  ### BLANK `2`\nprint(round(x))"), name="01_a_solutions.ipynb")
    with pytest.raises(BuildError, match="holds the blank"):
        build_notebook(bad_in_cell / "01_a_solutions.ipynb")
    later = solution(tmp_path, ("code", "x = 2 * 3  ### BLANK `2`\ny = x + 1"), ("code", "print(y)"),
                     name="01_b_solutions.ipynb")
    with pytest.raises(BuildError, match="only check"):
        build_notebook(later / "01_b_solutions.ipynb")


def test_solution_markdown_is_blanked_and_instructor_cells_removed(tmp_path):
    folder = solution(tmp_path, ("markdown", "Explain."), ("markdown", "Because of X.", ["solution"]),
                      ("markdown", "Rubric: X earns 2 points.", ["instructor"]),
                      ("code", "secret = 1", ["instructor"]))
    cells = sources(build_notebook(folder / "01_demo_solutions.ipynb"))
    assert ("_Write your answer here._", "markdown") in cells
    assert not any("Because of X" in s or "Rubric" in s or "secret" in s for s, _ in cells)


def test_outputs_and_counts_are_cleared_and_the_kernel_kept(tmp_path):
    folder = solution(tmp_path, ("code", "x = 1"))
    nb = json.loads(build_notebook(folder / "01_demo_solutions.ipynb"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


# ----------------------------------------------------------------------------- students' work is safe

def test_a_student_edit_survives_a_build(tmp_path):
    shutil.copytree(FIXTURES / "solutions", tmp_path / "solutions")
    build(tmp_path / "solutions", tmp_path / "exercises", out=lambda m: None)
    target = tmp_path / "exercises" / "00_fixture_exercises.ipynb"
    edited = target.read_text().replace("h20_tpp = ...", "h20_tpp = 2368")
    target.write_text(edited)
    # the solution changes, so the generator would write a new version
    sol = tmp_path / "solutions" / "00_fixture_solutions.ipynb"
    sol.write_text(sol.read_text().replace("Fixture: the H20", "Fixture: the Nvidia H20"))
    log = []
    assert build(tmp_path / "solutions", tmp_path / "exercises", out=log.append) == 0
    assert target.read_text() == edited
    assert log[0].startswith("skipped") and "--force" in log[0]
    build(tmp_path / "solutions", tmp_path / "exercises", force=True, out=log.append)
    assert "h20_tpp = 2368" not in target.read_text() and "the Nvidia H20" in target.read_text()


def test_check_names_stale_and_missing_exercises(tmp_path):
    shutil.copytree(FIXTURES / "solutions", tmp_path / "solutions")
    log = []
    assert build(tmp_path / "solutions", tmp_path / "exercises", check=True, out=log.append) == 1
    assert any(line.startswith("missing:") for line in log)
    build(tmp_path / "solutions", tmp_path / "exercises", out=lambda m: None)
    assert build(tmp_path / "solutions", tmp_path / "exercises", check=True, out=log.append) == 0
    target = tmp_path / "exercises" / "00_fixture_exercises.ipynb"
    target.write_text(target.read_text().replace("Fill in", "Complete"))
    log.clear()
    assert build(tmp_path / "solutions", tmp_path / "exercises", check=True, out=log.append) == 1
    assert log[0].startswith("stale:") and "00_fixture_exercises.ipynb" in log[0]


def test_the_command_line_checks_and_reports_build_errors(tmp_path):
    folder = solution(tmp_path, ("code", "### BEGIN SOLUTION\nprint(1)\n### END SOLUTION"))
    run = subprocess.run([sys.executable, "-m", "chipexport.exercises", "build", "--solutions", str(folder),
                          "--exercises", str(tmp_path / "ex")], capture_output=True, text=True)
    assert run.returncode == 2 and "error:" in run.stderr and "must assign" in run.stderr


def test_the_repositorys_exercises_are_up_to_date():
    log = []
    code = build(ROOT / "solutions", ROOT / "exercises", check=True, out=log.append)
    assert code == 0, "\n".join(log)


# ----------------------------------------------------------------------------- the leak test

def _norm(line):
    return re.sub(r"\s+", " ", line.strip())


def region_lines(nb):
    """Normalised lines inside solution regions, and all lines outside them."""
    inside, outside = set(), set()
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        lines = cell.source.split("\n")
        if cell.cell_type == "markdown":
            (inside if {"solution", "instructor"} & set(tags) else outside).update(map(_norm, lines))
            continue
        if "instructor" in tags:
            inside.update(map(_norm, lines))
            continue
        in_region = False
        for line in lines:
            if exercises.BEGIN.match(line):
                in_region = True
            elif exercises.END.match(line):
                in_region = False
            elif exercises.INLINE.match(line):
                inside.add(_norm(exercises.INLINE.match(line)["code"]))  # the line with its blank filled in
            else:
                (inside if in_region else outside).add(_norm(line))
    return inside, outside


def pairs():
    found = [(FIXTURE, EXPECTED)]
    for sol in sorted((ROOT / "solutions").glob("*_solutions.ipynb")):
        found.append((sol, ROOT / "exercises" / exercises.exercise_name(sol)))
    return found


@pytest.mark.parametrize("sol, ex", pairs(), ids=lambda p: p.name)
def test_no_solution_line_leaks_into_the_exercise(sol, ex):
    inside, outside = region_lines(nbformat.read(sol, as_version=4))
    secret = {l for l in inside - outside if len(l) >= 12 and not re.match(r"(import|from) ", l)}
    assert secret, "the leak test needs solution lines to look for"
    exercise_lines = {_norm(l) for c in nbformat.read(ex, as_version=4).cells for l in c.source.split("\n")}
    leaked = secret & exercise_lines
    assert not leaked, f"{ex.name} shows solution lines: {sorted(leaked)[:3]}"
