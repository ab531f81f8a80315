"""`make grade` (python -m chipexport.grade): a made-up class (tests/fixtures/class/, written by
tools/fixture_class.py) graded into a gradebook, graded by the grader and not by the student's
kernel, byte-identical on a rerun, and never written where it must not be."""

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from chipexport import answers, grade, submissions
from chipexport.checks import ___
from layers import ROOT

CLASS = ROOT / "tests" / "fixtures" / "class"
EX01, EX02 = "01_the_reversal_exercises", "02_what_makes_a_chip_controlled_exercises"


def run_grader(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "chipexport.grade", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=900)


def folder_hash(folder):
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The fixture class graded twice, into two folders; the submissions' hash before and after."""
    before = folder_hash(CLASS)
    outs = []
    for name in ("first", "second"):
        out = tmp_path_factory.mktemp(name)
        done = run_grader(CLASS, "--out", out, "--timeout", 5, "--jobs", 2)
        assert done.returncode == 0, done.stderr[-3000:]
        outs.append(out)
    return outs, before, folder_hash(CLASS)


def summary_of(out):
    return {(r["student"], r["notebook"]): r for r in read(out / "summary.csv")}


def grades_of(out, student):
    return [r for r in read(out / "grades.csv") if r["student"] == student]


def problems_of(out, student):
    return [r["problem"] for r in read(out / "problems.csv") if r["student"] == student]


def test_the_fixture_class_is_what_its_script_writes():
    done = subprocess.run([sys.executable, "tools/fixture_class.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout


def test_the_gradebook_has_its_columns_one_row_per_submission_and_question(graded):
    out = graded[0][0]
    header = (out / "grades.csv").read_text().split("\n")[0].split(",")
    assert header[:6] == ["file", "student", "notebook", "question", "passed", "message"]
    rows = read(out / "grades.csv")
    assert {r["passed"] for r in rows} == {"true", "false"}
    alice = grades_of(out, "alicesmith")
    assert [r["question"] for r in alice] == [f"1.{k}" for k in range(1, 12)]


def test_a_solved_notebook_gets_full_marks_and_a_blank_one_zero(graded):
    summary = summary_of(graded[0][0])
    alice, bob = summary[("alicesmith", EX01)], summary[("bobjones", EX01)]
    assert alice["points"] == alice["out_of"] == "11"
    assert summary[("Judy Park", EX02)]["points"] == summary[("Judy Park", EX02)]["out_of"]
    assert bob["points"] == "0" and bob["written_answered"] == "0"
    assert all(r["message"].startswith("Not answered yet") for r in grades_of(graded[0][0], "bobjones"))


def test_optional_questions_are_marked_and_counted_apart(graded):
    out = graded[0][0]
    alice = {r["question"]: r for r in grades_of(out, "alicesmith")}
    assert alice["1.9"]["optional"] == alice["1.11"]["optional"] == "true" and alice["1.1"]["optional"] == "false"
    row = summary_of(out)[("alicesmith", EX01)]
    assert (row["required_points"], row["required_out_of"]) == ("9", "9") and row["out_of"] == "11"


def test_a_file_that_is_not_a_notebook_is_listed_and_its_student_gets_a_summary_row(tmp_path):
    (tmp_path / "tom_01_the_reversal_exercises.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path.parent / (tmp_path.name + "-grades")
    done = run_grader(tmp_path, "--out", out, "--timeout", 5)
    assert done.returncode == 0, done.stderr[-2000:]
    assert any("not a notebook (a .pdf file)" in p for p in problems_of(out, "tom"))
    assert summary_of(out)[("tom", "")]["note"].startswith("nothing gradable")
    assert "1 more students handed in nothing gradable" in done.stdout


def test_an_lms_zip_file_itself_can_be_graded_and_an_empty_folder_is_refused(tmp_path):
    out = tmp_path / "grades"
    done = run_grader(CLASS / "canvas_download.zip", "--out", out, "--timeout", 5)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [r for r in read(out / "summary.csv") if r["file"]]
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_grader(empty, "--out", tmp_path / "other")
    assert done.returncode == 1 and "holds no files" in done.stderr and not (tmp_path / "other").exists()


def test_the_optional_questions_are_the_ones_the_solutions_mark_for_students_who_code():
    import json
    import re
    marked = set()
    for path in (ROOT / "solutions").glob("*_solutions.ipynb"):
        text = " ".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown")
        marked |= set(re.findall(r"\*\*Question (\d+\.\d+) \(for students who code", text))
    from chipexport import registry
    assert marked == registry.OPTIONAL


def test_a_half_right_notebook_gets_its_half(graded):
    rows = grades_of(graded[0][0], "carolwu")
    passed = [r["question"] for r in rows if r["passed"] == "true"]
    assert passed == [f"1.{k}" for k in range(1, 7)], "carolwu answered 1.1-1.6 right and the rest wrong"


def test_a_redefined_check_and_an_answer_equal_to_everything_get_no_marks(graded):
    rows = grades_of(graded[0][0], "frank")
    assert rows and all(r["passed"] == "false" for r in rows)
    assert "object of type Anything" in rows[0]["message"]


def test_the_newest_of_two_submissions_counts_and_the_older_is_listed(graded):
    out = graded[0][0]
    grace = summary_of(out)[("gracelee", EX01)]
    assert grace["file"].endswith("gracelee_1005_50017_01_the_reversal_exercises-1.ipynb")
    assert grace["points"] == "11"
    superseded = read(out / "superseded.csv")
    assert [r["file"].rsplit("/", 1)[-1] for r in superseded] == ["gracelee_1005_50005_01_the_reversal_exercises.ipynb"]


def test_broken_looping_failing_and_foreign_notebooks_are_reported_and_the_run_goes_on(graded):
    out = graded[0][0]
    assert problems_of(out, "dave") == ["not graded: not valid notebook JSON"]
    assert any("ran longer than 5 s and was interrupted" in p for p in problems_of(out, "erin"))
    assert summary_of(out)[("erin", EX01)]["points"] == "11", "cells after the interrupted one still count"
    assert any("AttributeError" in p for p in problems_of(out, "ivan"))
    assert summary_of(out)[("ivan", EX01)]["points"] == "10"
    assert any("stopped the run" in p for p in problems_of(out, "kelly"))
    assert problems_of(out, "heidi") == ["not graded: this is a lesson notebook (its practice checks), not an exercise notebook"]


def test_written_answers_sit_beside_the_rubric_escaped(graded):
    page = (graded[0][0] / "written" / f"{EX01}_1.12.html").read_text()
    assert "Rubric" in page and "criterion" in page
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;not run&#x27;)&lt;/script&gt;" in page
    assert page.count('<section class="student">') == len([k for k in summary_of(graded[0][0]) if k[1] == EX01])
    assert sorted(p.name for p in (graded[0][0] / "written").iterdir()) == [
        f"{EX01}_1.12.html", f"{EX01}_1.13.html", f"{EX02}_2.12.html", f"{EX02}_2.13.html"]


def test_a_rerun_is_byte_identical_and_no_submission_was_changed(graded):
    (first, second), before, after = graded
    assert folder_hash(first) == folder_hash(second)
    assert before == after


def test_only_one_exercise_can_be_graded_and_the_others_are_listed(tmp_path):
    done = run_grader(CLASS / "Judy Park_2001_assignsubmission_file_", "--out", tmp_path, "--exercise", EX01)
    assert done.returncode == 0, done.stderr
    assert read(tmp_path / "problems.csv")[0]["problem"] == f"not graded: this is {EX02}, not {EX01} (the exercise being graded)"
    assert read(tmp_path / "grades.csv") == []


def test_the_gradebook_is_never_written_into_the_repository_or_the_submissions(tmp_path):
    for out in (ROOT / "notebooks" / "grades", CLASS / "out"):
        done = run_grader(CLASS, "--out", out)
        assert done.returncode == 2 and "error:" in done.stderr, done.stderr
        assert not out.exists()
    assert "grades/" in (ROOT / ".gitignore").read_text().split()
    assert grade.check_out_folder(ROOT / "grades", ROOT, CLASS) is None


# ----------------------------------------------------------------------------- the parts

@pytest.mark.parametrize("path, student", [
    ("canvas.zip/smithjane_123_4567_01_the_reversal_exercises.ipynb", "smithjane"),
    ("smithjane_LATE_123_4567_01_the_reversal_exercises-2.ipynb", "smithjane"),
    ("Jane Smith_98765_assignsubmission_file_/01_the_reversal_exercises.ipynb", "Jane Smith"),
    ("Exercise 01_jsmith_attempt_2025-10-01-09-30-00_01_the_reversal_exercises.ipynb", "jsmith"),
    ("jane/01_the_reversal_exercises.ipynb", "jane"),
    ("jane_doe-01_the_reversal_exercises (2).ipynb", "jane_doe"),
    ("01_the_reversal_exercises (2).ipynb", "01_the_reversal_exercises (2).ipynb"),
    ("student007_01_the_reversal_exercises.ipynb", "student007"),  # digits in a name are the name's
    ("01_the_reversal_exercises_jane.ipynb", "jane"),
])
def test_the_student_comes_from_the_file_name_by_the_documented_rule(path, student):
    assert submissions.student_of(path, [f"{EX01}.ipynb"])[0] == student


def test_the_newest_submission_of_a_student_counts():
    def sub(path):
        return submissions.Submission(path, b"", *submissions.student_of(path, [f"{EX01}.ipynb"]))
    for old, new in [("smithjane_1_100_x.ipynb", "smithjane_1_99999_x.ipynb"),
                     ("a_u_attempt_2025-01-02-10-00-00.ipynb", "a_u_attempt_2025-01-10-09-00-00.ipynb"),
                     ("jane/01_the_reversal_exercises.ipynb", "jane/01_the_reversal_exercises (2).ipynb")]:
        counted, superseded = submissions.newest([sub(new), sub(old)], lambda s: EX01)
        assert [s.file for s in counted] == [new] and [o.file for o, _ in superseded] == [old]


class Anything:
    def __eq__(self, other):
        return True


class Same(str):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value, plain", [
    (..., {"kind": "not answered"}), (___, {"kind": "blank"}), (3, 3), (2.5, 2.5), ("news", "news"),
    (["TL-1", "TL-0"], ["TL-1", "TL-0"]), ({"TL-1", "TL-0"}, ["TL-0", "TL-1"]), (True, True),
    (Anything(), {"kind": "object", "type": "Anything"}), (Same("x"), "x"), (None, None),
])
def test_an_answer_reaches_the_grader_as_a_plain_value(value, plain):
    got = answers.plain(value)
    assert got == plain and type(got) is type(plain)


def test_numpy_and_pandas_answers_become_plain_values():
    import numpy as np
    import pandas as pd
    assert answers.plain(np.int64(7)) == 7 and type(answers.plain(np.float64(1.5))) is float
    assert answers.plain(pd.Series(["MK-106"])) == "MK-106"
    assert answers.plain(pd.DataFrame({"id": ["A", "B"], "x": [1, 2]})) == ["A", "B"]
    assert answers.plain(pd.Timestamp("2026-01-15") - pd.Timestamp("2026-01-13")) == 2.0
    assert answers.plain(np.array(["a", "b"])) == ["a", "b"]
