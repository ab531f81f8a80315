"""Checks (design §3, §8): the right answer passes, typical wrong answers get their targeted
hint, `...` is "Not answered yet", and no input at all makes a check raise."""

import math

import numpy as np
import pandas as pd
import pytest

from chipexport import checks
from chipexport.checks import NOT_ANSWERED, NOT_YET, PASSED, Feedback, check, questions

# question id: (the right answer, [(a typical wrong answer, words its hint must contain)])
ANSWERS = {
    "0.1": (2368, [(4736, "sparsity"), (296, "bit length"), (2368 / 814, "performance density"),
                   (2.368, "factor of 1,000"), ("2368", "remove the quotes")]),
    "0.2": ("outside 3A090", [("3A090.b", "2,400"), ("not controlled", "needed a licence"),
                              ("3A090.a", "4,800")]),
    "0.3": (32, [(-32, "wrong sign"), (2432, "3A090.a line")]),
    "1.1": (96, [(97, "both the first and the last day"), (3, "months")]),
    "1.2": (["TL-034", "TL-038", "TL-045", "TL-046", "TL-047", "TL-050", "TL-053", "TL-064", "TL-065"],
            [(["TL-025", "TL-034", "TL-038", "TL-045", "TL-046", "TL-047", "TL-050", "TL-053", "TL-064", "TL-065"],
              "July 15 itself"), (["TL-034"], "missing: TL-038")]),
    "1.3": (["C13", "C17", "C19", "C21", "C24", "C27", "C31"],
            [(["C13", "C17", "C19", "C21", "C27", "C31"], "contradicted")]),
    "1.4": ("news", [("company_filing", "CNBC story"), ("aggregator", "syndicated copy")]),
    "1.5": (15, [(20, "asked for first"), (25, "H200"), (0.15, "factor of 100")]),
    "1.6": (1.0, [(-1.0, "wrong sign"), (10.5, "adds the two"), (1000, "factor of 1,000")]),
    "1.7": (13.1, [(100 * 15 / 130.497, "walked away from"), (0.131, "factor of 100")]),
    "2.1": (15831.2, [(31662.4, "sparsity"), (31662.4 / 2 * 2, "sparsity")]),
    "2.2": (["CH-H20", "CH-L20", "CH-RTX4090D"], [(["CH-H20", "CH-L20"], "not a datacenter part")]),
    "2.3": (2.909, [(3.2, "lower it"), (0.291, "new value")]),
    "2.4": (["CH-L20"], [(["CH-H20", "CH-L20"], "besides the H20")]),
    "2.5": (["HW-042", "HW-046", "CH-RTX4090D"], [(["HW-042", "HW-046", "CH-RTX4090D", "CH-RTX4090"], "caught already")]),
    "2.6": (4.0 / 3.35, [(3.35 / 4.0, "other way round")]),
}


def test_every_question_has_a_right_and_a_wrong_answer_here():
    assert set(ANSWERS) == set(questions())
    assert all(len(wrongs) >= 1 for _, wrongs in ANSWERS.values())


def test_question_ids_are_n_dot_k():
    for qid in questions():
        number, k = qid.split(".")
        assert number.isdigit() and k.isdigit() and int(k) >= 1
        assert len(checks.prompt(qid)) > 20


@pytest.mark.parametrize("qid", sorted(ANSWERS))
def test_the_right_answer_passes_with_basic_checks_passed(qid):
    feedback = check(qid, ANSWERS[qid][0])
    assert feedback.passed and feedback.label == PASSED
    assert str(feedback).startswith("Basic checks passed")
    assert "correct" not in str(feedback).lower()


@pytest.mark.parametrize("qid, wrong, words", [(q, w, h) for q, (_, ws) in ANSWERS.items() for w, h in ws])
def test_a_typical_wrong_answer_gets_its_targeted_hint(qid, wrong, words):
    feedback = check(qid, wrong)
    assert not feedback.passed and feedback.label == NOT_YET
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize("qid", sorted(ANSWERS))
def test_dots_are_not_answered_yet(qid):
    feedback = check(qid, ...)
    assert feedback.label == NOT_ANSWERED and not feedback.passed
    assert str(feedback).startswith("Not answered yet")


def test_an_unknown_question_lists_the_valid_ids():
    feedback = check("9.99", 1)
    assert not feedback.passed and "no question 9.99" in feedback.message and "0.1, 0.2" in feedback.message


def test_feedback_shows_a_text_label_first_not_colour_alone():
    for feedback in (check("0.1", 2368), check("0.1", ...), check("0.1", 1)):
        html = feedback._repr_html_()
        assert f"<strong>{feedback.label}</strong>" in html
        assert str(feedback).startswith(feedback.label)


# ----------------------------------------------------------------------------- the sweep

class Hostile:
    """An object whose every comparison, conversion and description raises."""

    def _boom(self, *args):
        raise RuntimeError("boom")

    __eq__ = __ne__ = __lt__ = __gt__ = __le__ = __ge__ = _boom
    __float__ = __int__ = __index__ = __bool__ = __len__ = __iter__ = __repr__ = __str__ = _boom
    __hash__ = None

    def __getattr__(self, name):
        raise RuntimeError("boom")


BAD = [None, "", "some text", "2,368 TPP", float("nan"), float("inf"), -float("inf"), 1e308, -1e308,
       10 ** 400, True, [], {}, (1, 2), {1, 2}, {"a": 1}, [[1, 2]], np.array([1.0, 2.0]), np.array([]),
       np.float64("nan"), pd.Series([1, 2]), pd.DataFrame({"x": [1]}), pd.DataFrame(), len, object(),
       Hostile(), b"2368", complex(1, 2), [float("nan")], [None, "TL-011"]]


@pytest.mark.parametrize("qid", sorted(ANSWERS))
@pytest.mark.parametrize("bad", BAD, ids=lambda b: type(b).__name__)
def test_no_input_makes_a_check_raise_and_every_answer_is_a_sentence(qid, bad):
    feedback = check(qid, bad)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert feedback.message.endswith((".", "?")) and len(feedback.message) > 20
    assert "Traceback" not in feedback.message
    feedback._repr_html_()


def test_odd_question_ids_get_a_sentence_too():
    for qid in (None, 3, 0.1, ["0.1"], Hostile()):
        feedback = check(qid, 1)
        assert isinstance(feedback, Feedback) and not feedback.passed and feedback.message.endswith((".", "?"))


# ----------------------------------------------------------------------------- the graders, directly

def test_number_grader_states_its_tolerance_and_spots_units():
    grade = checks.number(4.5, unit="USD billion", rel_tol=0.01, what="the charge booked")
    assert grade(4.52) == (True, "4.52 USD billion matches the charge booked (within 1.0%).")
    ok, message = grade(4500)
    assert not ok and "factor of 1,000" in message and "USD billion" in message
    ok, message = grade(0.045)
    assert not ok and "factor of 100" in message and "percent" in message


def test_a_known_slip_such_as_a_calendar_year_gets_its_own_hint():
    fiscal_year, calendar_year = 10.0, 8.0  # synthetic values: this tests the mechanism only
    grade = checks.number(fiscal_year, unit="USD billion", rel_tol=0.01, known_wrong=[
        (calendar_year, "that is the calendar-year figure; the question asks for the fiscal year.")])
    ok, message = grade(calendar_year)
    assert not ok and "fiscal year" in message
    ok, message = grade(99)
    assert not ok and "within 1.0%" in message


def test_rows_grader_names_missing_and_unexpected_rows():
    grade = checks.rows(["TL-001", "TL-002", "TL-003"], what="events")
    assert grade(pd.Series(["TL-003", "TL-001", "TL-002"]))[0]
    assert grade(pd.DataFrame({"id": ["TL-001", "TL-002", "TL-003"]}))[0]
    ok, message = grade(["TL-001", "TL-004"])
    assert not ok and "missing: TL-002, TL-003" in message and "not expected: TL-004" in message
    ok, message = grade(["TL-001", "TL-001", "TL-002", "TL-003"])
    assert not ok and "twice" in message


def test_table_grader_names_missing_columns_and_differing_values():
    want = pd.DataFrame({"id": ["A", "B"], "value": [1.0, 2.0], "unit": ["x", "y"]})
    grade = checks.table(want, key="id", columns=["value", "unit"])
    assert grade(want.copy())[0]
    ok, message = grade(want.drop(columns=["unit"]))
    assert not ok and "no column 'unit'" in message
    wrong = want.copy()
    wrong.loc[1, "value"] = 3.0
    ok, message = grade(wrong)
    assert not ok and "column 'value' differs for B" in message
    ok, message = grade(want.iloc[:1])
    assert not ok and "missing: B" in message
    assert math.isfinite(len(message))
