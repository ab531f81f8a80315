"""Write tests/fixtures/class/: a made-up class's submissions, for the grading tests and for an
instructor to try `make grade` on (README, "For instructors").

    python tools/fixture_class.py           write the folder
    python tools/fixture_class.py --check   fail if it differs from what this script writes

The students and what each handed in (every name is invented):

- canvas_download.zip, as Canvas names files (`name_userid_fileid_original.ipynb`):
  alicesmith (exercise 01 fully solved, written answers too, one with HTML in it),
  bobjones (01 untouched: nothing answered), carolwu (01: questions 1.1-1.6 right, the rest a
  wrong text), gracelee (01 twice: an early blank upload and a later solved one, which counts);
- loose files: dave (not valid JSON), erin (01 solved, plus a cell that never ends), frank
  (01: redefines `check` to always pass and answers with objects that equal everything),
  ivan (01 solved but a typo makes one answer cell fail), heidi (a lesson notebook, not an
  exercise), kelly (01 solved, then a cell that kills the kernel);
- a Moodle folder `Judy Park_2001_assignsubmission_file_/` with exercise 02 fully solved.
"""

import argparse
import copy
import io
import sys
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from chipexport import exercises  # noqa: E402
from chipexport.grade import CHECK  # noqa: E402
from chipexport.solution_cells import solved_source  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "class"
EX01, EX02 = "01_the_reversal", "02_what_makes_a_chip_controlled"
WRITTEN = {
    "1.12": ("The sentence is wrong on the interval: <script>alert('not run')</script> the letter came "
             "on 9 April 2025 (TL-011) and the assurance on 14 July 2025 (TL-023, as reported), "
             "so about three months is right only from the letter, & not from the first rules of 2022."),
    "1.13": "(a) Evidence for and against ... (b) A value judgement: controls should not be bargaining chips.",
    "2.12": "For: the government's own stated reason. Against: the H20's memory bandwidth.",
    "2.13": "The April letters covered chips below every threshold, so the map cannot show them.",
}
WRONG = '"I am not sure"'


def pair(name):
    """(the solution notebook, the exercise notebook built from it) of one session."""
    solution = nbformat.read(ROOT / "solutions" / f"{name}_solutions.ipynb", as_version=4)
    exercise = nbformat.reads(exercises.build_notebook(ROOT / "solutions" / f"{name}_solutions.ipynb"), as_version=4)
    kept = [c for c in solution.cells if "instructor" not in c.get("metadata", {}).get("tags", [])]
    assert len(kept) == len(exercise.cells) - 1, "the exercise should have one cell per kept solution cell"
    return kept, exercise


def answer_names(name):
    """The names the check cells of an exercise read, in order (one per checked question)."""
    _, exercise = pair(name)
    return [n for c in exercise.cells if c.cell_type == "code" for _, n in CHECK.findall(c.source)]


def assigns(source, name):
    return f"\n{name} =" in "\n" + source


def solved(name, right=None, wrong=()):
    """An exercise notebook with every cell the exercise blanks filled in as the solution has it,
    except the answers in `wrong`, which get a wrong text, and those not in `right` (all, if
    None), which stay blank; the written answers are written."""
    kept, exercise = pair(name)
    nb = copy.deepcopy(exercise)
    for i, sol in enumerate(kept, start=1):
        cell = nb.cells[i]
        if cell.cell_type != "code" or cell.source == sol.source:
            continue
        answer = next((n for n in answer_names(name) if assigns(cell.source, n)), None)
        if answer in wrong:
            cell.source = solved_source(sol.source) + f"\n{answer} = {WRONG}"
        elif right is None or answer in right or answer is None:
            cell.source = solved_source(sol.source)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source == exercises.WRITE_HERE:
            question = next(c for c in reversed(nb.cells[:i]) if "**Question " in c.source)
            cell.source = WRITTEN[question.source.split("**Question ")[1].split(" ")[0]]
    return nb


def insert_after(nb, answer, source):
    """A copy of nb with a new code cell after the cell that assigns `answer` (at the end: None)."""
    nb = copy.deepcopy(nb)
    at = (len(nb.cells) - 1 if answer is None else
          next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and assigns(c.source, answer)))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(source))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nb


def text(nb):
    return nbformat.writes(nb) + "\n"


def files():
    """{path below tests/fixtures/class: bytes}, and the zip's members."""
    names01 = answer_names(EX01)
    full01, blank01 = solved(EX01), pair(EX01)[1]
    frank = insert_after(solved(EX01, right=()), None, "\n".join(
        ["def check(*args):", '    return "Basic checks passed"', "",
         "class Anything:", "    def __eq__(self, other):", "        return True", "",
         "class Same(str):", "    def __eq__(self, other):", "        return True", ""]
        + [f"{n} = Anything()" for n in names01[:-1]] + [f'{names01[-1]} = Same("TL-000")']))
    ivan = solved(EX01)
    typo = next(c for c in ivan.cells if c.cell_type == "code" and assigns(c.source, names01[0]))
    assert "timeline.days_between" in typo.source
    typo.source = typo.source.replace("timeline.days_between", "timeline.days_betwen")
    heidi = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from chipexport.checks import check\ninterval = 94\ncheck(\"1.P1\", interval)")])
    heidi.cells[0]["id"] = "cell-0"
    canvas = {
        f"alicesmith_1001_50001_{EX01}_exercises.ipynb": text(full01),
        f"bobjones_1002_50002_{EX01}_exercises.ipynb": text(blank01),
        f"carolwu_1003_50003_{EX01}_exercises.ipynb": text(solved(EX01, right=names01[:6], wrong=names01[6:])),
        f"gracelee_1005_50005_{EX01}_exercises.ipynb": text(blank01),
        f"gracelee_1005_50017_{EX01}_exercises-1.ipynb": text(full01),
    }
    loose = {
        f"dave_{EX01}_exercises.ipynb": text(full01)[:400],
        f"erin_{EX01}_exercises.ipynb": text(insert_after(full01, names01[2], "while True:\n    pass")),
        f"frank_{EX01}_exercises.ipynb": text(frank),
        f"heidi_{EX01}.ipynb": text(heidi),
        f"ivan_{EX01}_exercises.ipynb": text(ivan),
        f"kelly_{EX01}_exercises.ipynb": text(insert_after(full01, None, "import os\nos._exit(1)")),
        f"Judy Park_2001_assignsubmission_file_/{EX02}_exercises.ipynb": text(solved(EX02)),
    }
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for member, content in sorted(canvas.items()):
            info = zipfile.ZipInfo(member, date_time=(2025, 9, 1, 12, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, content)
    out = {path: content.encode("utf-8") for path, content in loose.items()}
    out["canvas_download.zip"] = archive.getvalue()
    out["README.md"] = (__doc__.split("\n\n", 2)[2].replace("tests/fixtures/class/", "this folder")
                        .encode("utf-8"))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write (or check) the made-up class of tests/fixtures/class/.")
    parser.add_argument("--check", action="store_true", help="fail if the folder differs from what this writes")
    args = parser.parse_args(argv)
    wanted = files()
    if args.check:
        present = {p.relative_to(OUT).as_posix() for p in OUT.rglob("*") if p.is_file()} if OUT.exists() else set()
        stale = sorted(p for p in wanted if not (OUT / p).exists() or (OUT / p).read_bytes() != wanted[p])
        extra = sorted(present - set(wanted))
        for p in stale:
            print(f"stale or missing: {OUT / p}")
        for p in extra:
            print(f"not written by this script: {OUT / p}")
        if stale or extra:
            print("run `python tools/fixture_class.py` to rewrite it")
        return 1 if stale or extra else 0
    for path, content in wanted.items():
        (OUT / path).parent.mkdir(parents=True, exist_ok=True)
        (OUT / path).write_bytes(content)
    print(f"wrote {len(wanted)} files to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
