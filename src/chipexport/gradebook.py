"""Writing the gradebook of `python -m chipexport.grade`: CSV files and pages for hand grading.

    OUTDIR/grades.csv      one row per submission and checked question:
                           file, student, notebook, question, passed, message, then optional
                           (true for a question "for students who code")
    OUTDIR/summary.csv     one row per student and notebook: points of the checked questions, and
                           of the required ones alone; a student with nothing gradable has a row
                           whose note points to problems.csv
    OUTDIR/problems.csv    every submission that could not be graded (or only in part), and why
    OUTDIR/superseded.csv  older submissions of a student that a newer one replaced
    OUTDIR/written/        one HTML page per written question: the rubric beside every answer

Everything is sorted and carries no date, so grading the same folder twice writes the same
bytes. The pages escape every answer: a student's text is shown as text, never run.
"""

import csv
import html
import io
from pathlib import Path

GRADES = ["file", "student", "notebook", "question", "passed", "message", "optional"]
SUMMARY = ["student", "notebook", "file", "points", "out_of", "required_points", "required_out_of",
           "written_answered", "written_questions", "note"]
PROBLEMS = ["file", "student", "notebook", "problem"]
SUPERSEDED = ["file", "student", "notebook", "counted_file"]


def _csv(path, columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row[c] for c in columns] for row in rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _markdown(text):
    """Our own markdown (question, rubric, model answer) as HTML; never a student's text."""
    try:
        import mistune  # nbconvert's markdown renderer, in every Jupyter environment
        return mistune.create_markdown(escape=True, plugins=["table"])(text)
    except Exception:  # pragma: no cover - mistune missing or changed: show the text as it is
        return f"<pre>{html.escape(text)}</pre>"


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: 0.3em 0.5em; vertical-align: top; }}
.answer {{ white-space: pre-wrap; font-family: inherit; background: #f6f6f6; border-left: 4px solid #0072B2;
          padding: 0.5em 0.8em; margin: 0.3em 0 1.5em; }}
.empty {{ color: #555; font-style: italic; }}
@media print {{ .student {{ break-inside: avoid; }} }}
</style></head>
<body>
<h1>{title}</h1>
<p>Students' names and work: keep this page with the gradebook, off shared drives.</p>
<h2>The question</h2>
{question}
<h2>Rubric</h2>
{rubric}
<h2>Model answer</h2>
{model}
<h2>Answers ({count})</h2>
{answers}
</body></html>
"""


def written_page(notebook, question):
    """The HTML page of one written question: `question` is a dict with id, text, rubric, model
    and answers (a list of (student, file, text) in order)."""
    blocks = []
    for student, file, text in question["answers"]:
        body = (f'<div class="answer">{html.escape(text)}</div>' if text.strip()
                else '<p class="empty">(no answer written)</p>')
        blocks.append(f'<section class="student"><h3>{html.escape(student)}</h3>'
                      f"<p><small>{html.escape(file)}</small></p>{body}</section>")
    title = f"{notebook}: question {question['id']} (written)"
    return PAGE.format(title=html.escape(title), question=_markdown(question["text"]),
                       rubric=_markdown(question["rubric"]), model=_markdown(question["model"]),
                       count=len(blocks), answers="\n".join(blocks) or "<p>No submissions.</p>")


def write(out, grades, summary, problems, superseded, written):
    """Write the gradebook into the folder `out` (created if needed); returns the paths written.

    grades, summary, problems, superseded: lists of dicts with the columns above; written:
    {(notebook, question id): question dict for `written_page`}.
    """
    out = Path(out)
    (out / "written").mkdir(parents=True, exist_ok=True)
    for old in (out / "written").glob("*.html"):
        old.unlink()  # a page of an earlier run for a question no longer graded
    paths = []
    for name, columns, rows in (("grades.csv", GRADES, grades), ("summary.csv", SUMMARY, summary),
                                ("problems.csv", PROBLEMS, problems), ("superseded.csv", SUPERSEDED, superseded)):
        _csv(out / name, columns, rows)
        paths.append(out / name)
    for (notebook, qid), question in sorted(written.items()):
        page = out / "written" / f"{notebook}_{qid}.html"
        page.write_text(written_page(notebook, question), encoding="utf-8")
        paths.append(page)
    return paths
