"""Grade a folder of submitted exercise notebooks into a gradebook.

    python -m chipexport.grade SUBMISSIONS [--out OUTDIR] [--exercise NAME] [--timeout S] [--jobs N]
    make grade SUBMISSIONS=folder [OUT=grades]

SUBMISSIONS is a folder as an LMS download gives it: any file names, sub-folders, zip files,
several submissions of one student (the newest counts; `chipexport.submissions` states the rule
that finds the student and the newest). Each notebook runs from a temporary copy in a fresh
kernel, offline, with a time limit per cell (`chipexport.notebook_run`). The grader then reads
each checked answer out of that kernel as a plain value and grades it here, in its own process,
with the same graders as the check cells: what the student's kernel says about an answer, or a
`check` the student redefined, counts for nothing. Each checked question is one point. Written
answers are collected beside their rubric for grading by hand. `chipexport.gradebook` lists the
files written; OUTDIR defaults to `grades/`, which is git-ignored, since it holds students' names
and work; any other folder inside the course repository is refused.

The check cells a student sees are formative feedback; the grade is what this module computes.
"""

import argparse
import json
import multiprocessing
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import answers, checks, data, gradebook, notebook_run, registry, submissions
from .exercises import WRITE_HERE

CHECK = re.compile(r"""check\(\s*["'](\d+\.P?\d+)["']\s*,\s*([A-Za-z_]\w*)\s*\)""")
QUESTION = re.compile(r"^\s*\*\*Question\s+(\d+\.\d+)\b")
HEADER = re.compile(r"generated from `solutions/(\w+)_solutions\.ipynb`")


# ----------------------------------------------------------------------------- the course's exercises

@dataclass(frozen=True)
class Exercise:
    """An exercise notebook of the course: its checked questions and its written ones."""

    name: str        # "01_the_reversal_exercises"
    checked: tuple   # ((question id, the name its check cell reads), ...)
    written: tuple   # ({"id", "text", "model", "rubric"}, ...)


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def load_exercise(exercise_path, solution_path):
    """The Exercise of one generated exercise notebook and the solution it comes from."""
    exercise = json.loads(Path(exercise_path).read_text(encoding="utf-8"))
    checked = []
    for cell in exercise["cells"]:
        if cell["cell_type"] == "code":
            checked.extend(CHECK.findall(_source(cell)))
    written, question = [], None
    for cell in json.loads(Path(solution_path).read_text(encoding="utf-8"))["cells"]:
        text, tags = _source(cell), _tags(cell)
        if cell["cell_type"] == "markdown" and QUESTION.match(text) and not tags:
            question = {"id": QUESTION.match(text).group(1), "text": text, "model": "", "rubric": ""}
        elif question and "solution" in tags:
            question["model"] = (question["model"] + "\n\n" + text).strip()
            if question not in written:
                written.append(question)
        elif question and "instructor" in tags and question in written:
            question["rubric"] = (question["rubric"] + "\n\n" + text).strip()
        elif cell["cell_type"] == "code" and CHECK.search(_source(cell)):
            question = None  # a checked question comes next
    return Exercise(Path(exercise_path).stem, tuple(checked), tuple(written))


def course_exercises(course):
    """{name: Exercise} for every exercise notebook of the course folder `course`."""
    course = Path(course)
    found = {}
    for path in sorted((course / "exercises").glob("*_exercises.ipynb")):
        solution = course / "solutions" / (path.name[: -len("_exercises.ipynb")] + "_solutions.ipynb")
        if solution.exists():
            found[path.stem] = load_exercise(path, solution)
    return found


def find_course(start="."):
    """The nearest folder, from `start` upwards, that holds exercises/ and solutions/."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir() and (folder / "solutions").is_dir():
            return folder
    return None


# ----------------------------------------------------------------------------- one submission

def which_exercise(nb, file, exercises):
    """(exercise name, None) or (None, why the notebook is not one of the course's exercises)."""
    cells = [c for c in nb.get("cells", []) if isinstance(c, dict)]
    for cell in cells[:3]:
        match = HEADER.search(_source(cell))
        if match and f"{match.group(1)}_exercises" in exercises:
            return f"{match.group(1)}_exercises", None
    ids = {qid for c in cells if c.get("cell_type") == "code" for qid, _ in CHECK.findall(_source(c))}
    overlap = {name: len(ids & {q for q, _ in ex.checked}) for name, ex in exercises.items()}
    best = max(overlap, key=lambda n: (overlap[n], n), default=None)
    if best and overlap[best]:
        return best, None
    for name in exercises:
        if Path(file).stem.lower().endswith(name.lower()):
            return name, None
    if any(".P" in qid for qid in ids):
        return None, "this is a lesson notebook (its practice checks), not an exercise notebook"
    return None, "this is not one of the course's exercise notebooks"


def written_answers(nb, exercise):
    """{question id: the student's text} for the written questions (empty: not answered)."""
    cells = [c for c in nb.get("cells", []) if isinstance(c, dict)]
    found = {}
    for i, cell in enumerate(cells):
        match = QUESTION.match(_source(cell)) if cell.get("cell_type") == "markdown" else None
        if not match or match.group(1) not in {q["id"] for q in exercise.written}:
            continue
        parts = []
        for later in cells[i + 1:]:  # the text cells up to the next question (a table may sit between)
            text = _source(later)
            if QUESTION.match(text) or (later.get("cell_type") == "code" and CHECK.search(text)):
                break
            if later.get("cell_type") != "code" and text.strip() and text.strip() != WRITE_HERE:
                parts.append(text.strip())
        found[match.group(1)] = "\n\n".join(parts)
    return found


def grade_answers(exercise, run):
    """[(question id, passed, message)] for the checked questions, graded in this process."""
    rows = []
    for qid, name in exercise.checked:
        if run.stopped:
            rows.append((qid, False, f"not graded: {run.stopped}"))
            continue
        answer, reason = answers.from_plain(run.answers.get(name, {"kind": answers.MISSING}))
        if reason:
            rows.append((qid, False, f"{checks.NOT_YET}: {reason} (`{name}`)."))
            continue
        feedback = checks.check(qid, answer)
        rows.append((qid, feedback.passed, f"{feedback.label}: {feedback.message}"))
    return rows


def _run_one(args):
    content, names, data_dir, timeout, filename = args
    return notebook_run.run(content, names, data_dir, timeout, filename)


# ----------------------------------------------------------------------------- the whole folder

def _order(qid):
    return registry.sort_key(qid) if registry.get(qid) else (999, 9, 999)


def grade(folder, exercises, data_dir, only=None, timeout=30, jobs=None, log=print):
    """Grade every notebook in `folder`; returns the gradebook's rows (see chipexport.gradebook).

    exercises: {name: Exercise}; only: grade only this exercise (others are listed as problems).
    """
    found = submissions.collect(folder, [f"{name}.ipynb" for name in exercises])
    problems, parsed, kinds = [], {}, {}
    for sub in found:
        try:
            nb = json.loads(sub.content.decode("utf-8")) if sub.content is not None else None
            if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            what = "a zip file that could not be opened" if sub.content is None else "not valid notebook JSON"
            problems.append(dict(file=sub.file, student=sub.student, notebook="", problem=f"not graded: {what}"))
            continue
        name, why = which_exercise(nb, sub.file, exercises)
        if name and only and name != only:
            name, why = None, f"this is {name}, not {only} (the exercise being graded)"
        if not name:
            problems.append(dict(file=sub.file, student=sub.student, notebook="", problem=f"not graded: {why}"))
            continue
        parsed[sub.file], kinds[sub.file] = nb, name
    counted, superseded = submissions.newest([s for s in found if s.file in kinds], lambda s: kinds[s.file])
    log(f"grading {len(counted)} notebooks ({len(superseded)} older submissions replaced by newer ones)")
    tasks = [(s.content, [n for _, n in exercises[kinds[s.file]].checked], str(data_dir), timeout,
              Path(s.file).name) for s in counted]
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = list(pool.map(_run_one, tasks))
    grades, summary, written = [], [], {}
    for sub, run in zip(counted, runs):
        exercise = exercises[kinds[sub.file]]
        rows = grade_answers(exercise, run)
        for qid, passed, message in rows:
            grades.append(dict(file=sub.file, student=sub.student, notebook=exercise.name, question=qid,
                               passed="true" if passed else "false", message=message,
                               optional="true" if qid in registry.OPTIONAL else "false"))
        required = [p for q, p, _ in rows if q not in registry.OPTIONAL]
        texts = written_answers(parsed[sub.file], exercise)
        for q in exercise.written:
            page = written.setdefault((exercise.name, q["id"]), dict(q, answers=[]))
            page["answers"].append((sub.student, sub.file, texts.get(q["id"], "")))
        summary.append(dict(student=sub.student, notebook=exercise.name, file=sub.file,
                            points=sum(p for _, p, _ in rows), out_of=len(rows),
                            required_points=sum(required), required_out_of=len(required),
                            written_answered=sum(1 for t in texts.values() if t.strip()),
                            written_questions=len(exercise.written), note=""))
        for note in ([run.stopped] if run.stopped else []) + run.notes:
            problems.append(dict(file=sub.file, student=sub.student, notebook=exercise.name,
                                 problem=note if run.stopped else f"graded, but {note}"))
    names = [f"{name}.ipynb" for name in exercises]
    for path in submissions.others(folder):  # a PDF, a Word file: listed, so no student vanishes
        kind = Path(path).suffix or "file without an ending"
        problems.append(dict(file=path, student=submissions.student_of(path, names)[0], notebook="",
                             problem=f"not graded: not a notebook (a {kind} file); ask the student for the .ipynb file"))
    graded_students = {r["student"] for r in summary}
    for student in sorted({p["student"] for p in problems} - graded_students):
        summary.append(dict(student=student, notebook="", file="", points="", out_of="", required_points="",
                            required_out_of="", written_answered="", written_questions="",
                            note="nothing gradable handed in: see problems.csv"))
    for page in written.values():
        page["answers"].sort(key=lambda a: (a[0].lower(), a[1]))
    grades.sort(key=lambda r: (r["student"].lower(), r["notebook"], _order(r["question"]), r["file"]))
    summary.sort(key=lambda r: (r["student"].lower(), r["notebook"], r["file"]))
    problems.sort(key=lambda r: (r["file"], r["problem"]))
    replaced = [dict(file=old.file, student=old.student, notebook=kinds[old.file], counted_file=new.file)
                for old, new in superseded]
    return grades, summary, problems, replaced, written


def check_out_folder(out, course, folder):
    """None, or a sentence saying why `out` must not hold the gradebook."""
    out, folder = Path(out).resolve(), Path(folder).resolve()
    if out == folder or folder in out.parents:
        return f"{out} is inside the submissions folder {folder}: the grader never writes there."
    if course is not None:
        course = Path(course).resolve()
        allowed = course / "grades"
        if (out == course or course in out.parents) and not (out == allowed or allowed in out.parents):
            return (f"{out} is inside the course repository: the gradebook holds students' names and work. "
                    f"Use {allowed} (git-ignored) or a folder outside the repository.")
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m chipexport.grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", help="folder of submitted notebooks (sub-folders and zip files too)")
    parser.add_argument("--out", default=None, help="folder for the gradebook (default: grades/ of the course)")
    parser.add_argument("--exercise", default=None, help="grade only this exercise, e.g. 01_the_reversal_exercises")
    parser.add_argument("--timeout", type=float, default=30, help="seconds each cell may run (default 30)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: one per core)")
    parser.add_argument("--course", default=None, help="the course folder (default: found from here upwards)")
    args = parser.parse_args(argv)
    folder = Path(args.submissions)
    if not (folder.is_dir() or (folder.is_file() and folder.suffix.lower() == ".zip")):
        print(f"error: {folder} is not a folder of submissions (or a zip file of them).", file=sys.stderr)
        return 2
    if not submissions.find(folder) and not submissions.others(folder):
        print(f"error: {folder} holds no files: nothing graded, and no gradebook written.", file=sys.stderr)
        return 1
    course = Path(args.course) if args.course else find_course()
    if course is None:
        print("error: no course folder (with exercises/ and solutions/) here or above: give --course.", file=sys.stderr)
        return 2
    exercises = course_exercises(course)
    if args.exercise and args.exercise.removesuffix(".ipynb") not in exercises:
        print(f"error: no exercise {args.exercise}; the course has {', '.join(exercises)}.", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else course / "grades"
    refusal = check_out_folder(out, course, folder)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    only = args.exercise.removesuffix(".ipynb") if args.exercise else None
    rows = grade(folder, exercises, data.data_dir(), only=only, timeout=args.timeout, jobs=args.jobs)
    gradebook.write(out, *rows)
    grades, summary, problems, replaced, written = rows
    graded = [r for r in summary if r["file"]]
    print(f"graded {len(graded)} notebooks of {len({r['student'] for r in graded})} students"
          + (f" ({len(summary) - len(graded)} more students handed in nothing gradable: see problems.csv)"
             if len(summary) > len(graded) else "") + ": "
          f"{out / 'grades.csv'}, {out / 'summary.csv'}; {len(problems)} problems in {out / 'problems.csv'}; "
          f"{len(replaced)} older submissions in {out / 'superseded.csv'}; "
          f"{len(written)} pages of written answers in {out / 'written'}.")
    if out.resolve() == (course / "grades").resolve():
        print(f"{out} is git-ignored: it holds students' names and work, so keep it off shared drives.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
