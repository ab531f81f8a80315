"""Solutions and exercises, run for real (design §8, exercises layer): every check in a
solution says passed; a fresh exercise runs top to bottom with every check not answered."""

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from chipexport.exercises import exercise_name, is_check_cell
from layers import ROOT, assert_no_error_outputs

FIXTURES = ROOT / "tests" / "fixtures"


def run(path):
    """Execute a notebook in memory (nothing is written) from its own folder."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, allow_errors=False,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nb


def check_labels(nb):
    labels = []
    for cell in nb.cells:
        if cell.cell_type == "code" and is_check_cell(cell.source):
            texts = [o["data"]["text/plain"] for o in cell.outputs if "text/plain" in o.get("data", {})]
            assert len(texts) == 1, f"a check cell should show one feedback:\n{cell.source}"
            labels.append(texts[0].split(":")[0])
    return labels


def test_the_fixture_solution_passes_every_check():
    nb = run(FIXTURES / "solutions" / "00_fixture_solutions.ipynb")
    assert_no_error_outputs(nb.cells, "fixture solutions")
    assert check_labels(nb) == ["Basic checks passed"] * 3


def test_the_fixture_exercise_runs_clean_with_every_check_not_answered():
    nb = run(FIXTURES / "expected" / "00_fixture_exercises.ipynb")
    assert_no_error_outputs(nb.cells, "fixture exercises")
    assert check_labels(nb) == ["Not answered yet"] * 3


SOLUTIONS = sorted((ROOT / "solutions").glob("*_solutions.ipynb"))


def test_every_saved_check_in_the_solutions_says_passed():
    for path in SOLUTIONS:
        labels = check_labels(nbformat.read(path, as_version=4))
        assert labels and set(labels) == {"Basic checks passed"}, (path.name, labels)


def test_every_exercise_runs_top_to_bottom_with_every_check_not_answered():
    for path in SOLUTIONS:
        nb = run(ROOT / "exercises" / exercise_name(path))
        assert_no_error_outputs(nb.cells, path.name)
        labels = check_labels(nb)
        assert labels and set(labels) == {"Not answered yet"}, (path.name, labels)


def test_check_ids_in_solutions_exist_and_belong_to_their_notebook():
    from chipexport.checks import questions
    known = set(questions())
    for path in SOLUTIONS:
        number = int(path.name[:2])
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and is_check_cell(source):
                qid = source.split('"')[1]
                assert qid in known and int(qid.split(".")[0]) == number, (path.name, qid)
