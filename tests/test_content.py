"""What the notebooks say, checked where a program can check it (design §2, style.md):

- length: 1,500-3,000 words of markdown per lesson, no markdown cell over 250 (the glossary aside);
- dollar signs: no two unescaped $ in text JupyterLab typesets (it would turn the text between
  them into mathematics);
- citation markers: every `[ID · tier]` names rows that exist, with their true source tier;
- one word, one meaning: "tier" only ever as "source tier";
- exercises: every learning objective has questions, and lessons and exercises load the tables
  the same way;
- practice inside the lessons: two or three checks, registered, saved as passed.
"""

import json
import re
from pathlib import Path

import pytest

from chipexport import data, registry
from chipexport.checks import questions
from chipexport.exercises import is_check_cell
from layers import ROOT

LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CONTENT = [p for p in LESSONS if not p.name.startswith("00")]
SOLUTIONS = sorted((ROOT / "solutions").glob("*_solutions.ipynb"))
EVERY = LESSONS + SOLUTIONS + sorted((ROOT / "exercises").glob("*.ipynb"))


def cells(path):
    return json.loads(path.read_text())["cells"]


def markdown(path):
    return [("".join(c["source"]), c) for c in cells(path) if c["cell_type"] == "markdown"]


def words(text):
    return len(text.split())


def is_glossary(text):
    return text.lstrip().startswith("## Glossary")


# ----------------------------------------------------------------------------- length

@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_a_lesson_has_1500_to_3000_words_of_markdown(path):
    total = sum(words(t) for t, _ in markdown(path) if not is_glossary(t))
    assert 1500 <= total <= 3000, f"{path.name}: {total} words"


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: p.name)
def test_no_markdown_cell_is_over_250_words(path):
    long = [(i, words(t)) for i, (t, _) in enumerate(markdown(path)) if words(t) > 250 and not is_glossary(t)]
    assert not long, f"{path.name}: markdown cells over 250 words (index among markdown cells, words): {long}"


# ----------------------------------------------------------------------------- dollar signs

def unescaped_dollars(text):
    """The $ signs JupyterLab would read as maths delimiters: not escaped, not in code."""
    text = re.sub(r"```.*?```|`[^`]*`", "", text, flags=re.S)
    return len(re.findall(r"(?<!\\)\$", text))


def outside_no_math(html):
    """HTML with every element MathJax is told to skip taken out."""
    return re.sub(r'<(\w+) class="tex2jax_ignore mathjax_ignore">.*?</\1>', "", html, flags=re.S)


def test_the_dollar_test_catches_an_unescaped_pair():
    assert unescaped_dollars("up to $5.5 billion and $4.5 billion") == 2
    assert unescaped_dollars(r"up to \$5.5 billion and \$4.5 billion; `$x` in code") == 0
    assert outside_no_math('<p class="tex2jax_ignore mathjax_ignore">$1 and $2</p>') == ""


@pytest.mark.parametrize("path", EVERY, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_markdown_cell_has_an_unescaped_pair_of_dollar_signs(path):
    bad = [t[:80] for t, _ in markdown(path) if unescaped_dollars(t) >= 2]
    assert not bad, f"{path.name}: write \\$ for a dollar sign: {bad}"


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_html_output_has_an_unescaped_pair_of_dollar_signs(path):
    for cell in cells(path):
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            assert unescaped_dollars(outside_no_math(html)) < 2, f"{path.name}: {html[:200]}"


# ----------------------------------------------------------------------------- citation markers

TABLE_OF = {"TL": "timeline", "CH": "chips", "TH": "thresholds", "MK": "market", "SH": "stakeholders",
            "HW": "hardware"}
WORD_OF_TIER = {"as_fact": "fact", "as_reported": "reported", "not_as_fact": "example only"}
ROW_ID = re.compile(r"[A-Z]{2}-[A-Z0-9-]+|C\d\d")


def tier_of(row_id):
    table = "claims" if re.fullmatch(r"C\d\d", row_id) else TABLE_OF[row_id.split("-")[0]]
    return data.row(table, row_id)["source_tier"]


def markers(path):
    """(ids, what the marker says) for every marker: [TL-011 · fact], [A, B · reported: X; C · fact]."""
    for text, _ in markdown(path):
        text = re.sub(r"`[^`]*`", "", text)  # examples of markers, in code
        for bracket in re.findall(r"\[([^\]]*? · [^\]]*)\](?!\()", text):  # not a link [text](url)
            for part in re.split(r";\s+", " ".join(bracket.split())):
                ids, _, said = part.partition(" · ")
                yield [i.strip() for i in ids.split(",")], said.strip()


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_citation_marker_names_real_rows_and_their_true_source_tier(path):
    found = list(markers(path))
    assert found, f"{path.name} cites no row with a marker"
    for ids, said in found:
        word = "example only" if said.startswith("example only") else said.split(":")[0].strip()
        for row_id in ids:
            assert ROW_ID.fullmatch(row_id), f"{path.name}: '{row_id}' in a marker is not a row id"
            assert WORD_OF_TIER[tier_of(row_id)] == word, f"{path.name}: [{', '.join(ids)} · {said}]"
            if word == "reported":  # the outlet is the row's own, as data.source(...).marker names it
                table = "claims" if re.fullmatch(r"C\d\d", row_id) else TABLE_OF[row_id.split("-")[0]]
                outlet = data.source(table, row_id).marker.split("reported: ")[1].rstrip("]")
                assert said.split(":", 1)[1].strip() == outlet, f"{path.name}: [{row_id} · {said}], the row says {outlet}"


def test_the_marker_test_reads_single_and_grouped_markers(tmp_path):
    nb = tmp_path / "x.ipynb"
    nb.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source":
                                         "A [TL-011 · fact] and [MK-006 · fact; MK-030 · reported: MarketWatch]."}]}))
    assert list(markers(nb)) == [(["TL-011"], "fact"), (["MK-006"], "fact"), (["MK-030"], "reported: MarketWatch")]


def test_lessons_cite_with_markers_not_with_as_reported_by():
    for path in CONTENT:
        count = sum(t.count("as reported by") for t, _ in markdown(path))
        assert count <= 3, f"{path.name}: {count} inline 'as reported by'; use a marker"


# ----------------------------------------------------------------------------- one word, one meaning

@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tier_means_only_a_source_tier(path):
    for text, _ in markdown(path):
        text = re.sub(r"(?<!\*)\*[^*\n]+\*(?!\*)", "", text)  # French words are in italics: *observateurs tiers*
        text = " ".join(text.split())  # "source" at the end of a line, "tier" on the next
        for m in re.finditer(r"\btiers?\b", text):
            before = text[max(0, m.start() - 7):m.start()]
            assert before.endswith(("source ", "source_")), f"{path.name}: '...{text[m.start() - 40:m.end() + 20]}...'"


# ----------------------------------------------------------------------------- exercises and lessons

def objectives(path):
    text = next(t for t, _ in markdown(path) if "**Learning objectives.**" in t)
    block = text.split("**Learning objectives.**")[1].split("\n\n**")[0]
    return [" ".join(b.split()) for b in re.findall(r"^- (.+?)(?=\n- |\Z)", block, flags=re.S | re.M)]


def mapped(solution):
    text = markdown(solution)[0][0]
    rows = re.findall(r"^\| (.+?) \| ([\d., ]+) \|$", text, flags=re.M)
    return {" ".join(obj.split()).rstrip(";."): [q.strip() for q in qs.split(",")] for obj, qs in rows}


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_every_learning_objective_has_questions(solution):
    lesson = ROOT / "notebooks" / (solution.name.replace("_solutions", ""))
    table = mapped(solution)
    wanted = [o.rstrip(";.") for o in objectives(lesson)]
    assert wanted and set(table) == set(wanted), f"{solution.name}: objectives and the table differ"
    asked = {re.search(r'check\("([\d.P]+)"', "".join(c["source"])).group(1) for c in cells(solution)
             if c["cell_type"] == "code" and is_check_cell("".join(c["source"]))}
    written = set(re.findall(r"\*\*Question (\d+\.\d+) \(written", " ".join(t for t, _ in markdown(solution))))
    for objective, ids in table.items():
        assert ids and all(q in asked | written for q in ids), (objective, ids)


def loading_lines(path):
    """The lines of the setup cell that load a table: `name = data.load(...)` or `timeline.load()`."""
    setup = next("".join(c["source"]) for c in cells(path) if c["cell_type"] == "code"
                 and re.search(r"^\w+ = (data|timeline)\.load\(", "".join(c["source"]), flags=re.M))
    return {line.split("#")[0].strip() for line in setup.splitlines()
            if re.match(r"^\w+ = (data|timeline)\.load\(", line)}


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_lessons_and_exercises_load_the_tables_the_same_way(solution):
    lesson = ROOT / "notebooks" / solution.name.replace("_solutions", "")
    assert loading_lines(lesson) <= loading_lines(solution), "a lesson loads a table its exercises load otherwise"


def test_an_unknown_id_copied_from_a_lesson_gets_a_sentence():
    with pytest.raises(data.DataError, match="There is no row 'MK-999' in market; its ids look like"):
        data.value("market", "MK-999", "value_low")
    with pytest.raises(data.DataError, match="market has no column 'valu_low'"):
        data.value("market", "MK-067", "valu_low")


# ----------------------------------------------------------------------------- practice inside the lessons

@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_a_lesson_has_two_or_three_practice_checks_saved_as_passed(path):
    """Each practice question has a cell to answer in (saved: "Not answered yet", so "Run All"
    gives nothing away) and, folded under it, the answer with its check, saved as passed, whose
    message does not repeat the answer."""
    number = str(int(path.name[:2]))
    answer_cells, model_cells = {}, {}
    for cell in cells(path):
        source = "".join(cell["source"])
        m = re.search(r'check\("(\d+\.P\d+)"', source)
        if cell["cell_type"] != "code" or not m:
            continue
        texts = ["".join(o["data"]["text/plain"]) for o in cell["outputs"] if "text/plain" in o.get("data", {})]
        folded = cell["metadata"].get("jupyter", {})
        if folded.get("source_hidden"):
            assert folded.get("outputs_hidden"), f"{m.group(1)}: the answer's output is not folded"
            assert texts and texts[0].startswith("Basic checks passed"), (path.name, m.group(1), texts)
            value = re.search(r"^\w+ = (.+)$", source, flags=re.M).group(1).strip().strip('"')
            assert value not in texts[0], f"{m.group(1)}: the passed message repeats the answer {value}"
            model_cells[m.group(1)] = cell
        else:
            assert "= ..." in source, f"{m.group(1)}: the cell to answer in should start with ..."
            assert texts and texts[0].startswith("Not answered yet"), (path.name, m.group(1), texts)
            answer_cells[m.group(1)] = cell
    found = sorted(model_cells)
    assert found == sorted(answer_cells), "each practice question needs a cell to answer in and a folded answer"
    assert 2 <= len(found) <= 3 and all(q.startswith(number + ".P") for q in found), found
    registered = [q for q in questions() if q.startswith(number + ".P")]
    assert found == registered and all(registry.get(q) for q in found)
