"""docs/instructor_guide.md: linked from the README, a plan and an answer to every question of
"Check your understanding" (and "Before you go on") for each lesson, and only real rows cited."""

import json
import re

import pytest

from chipexport import data
from layers import ROOT

GUIDE = (ROOT / "docs" / "instructor_guide.md").read_text()
TABLE_OF = {"TL": "timeline", "CH": "chips", "TH": "thresholds", "MK": "market", "SH": "stakeholders"}


def lesson_questions(name):
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())
    text = next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"
                and re.match(r"## (Check your understanding|Before you go on)", "".join(c["source"])))
    return re.findall(r"^\d+\. ", text, flags=re.M)


def section(name):
    number = name[:2]
    start = GUIDE.index(f"## Session {number}")
    end = GUIDE.find("\n## Session", start + 1)
    return GUIDE[start:end if end > 0 else None]


def test_the_readme_links_the_guide():
    assert "(docs/instructor_guide.md)" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_every_lesson_has_a_plan_and_an_answer_to_each_of_its_questions(name):
    text = section(name)
    answers = text.split("**Answers to")[1].split("\n**", 1)[0]
    assert len(re.findall(r"^\d+\. ", answers, flags=re.M)) == len(lesson_questions(name)), name
    assert "**Plan.**" in text
    if name != "00_course_guide":
        assert "**Exercises:" in text and "**Discussion prompts.**" in text and "**Common misconceptions**" in text


def test_the_guide_cites_only_rows_that_exist():
    for rid in sorted(set(re.findall(r"\b(?:TL|CH|TH|MK|SH)-[A-Z0-9-]*[0-9A-Z]\b", GUIDE))):
        data.row(TABLE_OF[rid.split("-")[0]], rid)  # raises, naming the id, when it does not exist
