"""Check cells: immediate, kind feedback on an exercise answer.

    from chipexport.checks import check
    check("0.1", h20_tpp)

`check` never raises. It answers with a `Feedback`: "Basic checks passed" when the answer
passes the checks written for that question (a check proves what it checks, not that an
answer is right in every sense), "Not answered yet" for the `...` an exercise starts with,
or "Not yet: ..." with a hint aimed at the usual slip (a sparse datasheet figure, millions
for billions, a percent for a fraction, the wrong threshold).

Questions are registered in `chipexport.registry` by the modules of `chipexport.questions`,
one per notebook, built from the graders of `chipexport.graders`; ids are "N.k": notebook
N, question k.

Importing this module in a notebook also makes a cell that fails explain itself in words first
(`chipexport.friendly`): a text answer typed without quotes, a % sign, a comma inside a number.
"""

import html
from dataclasses import dataclass

from . import friendly
from . import questions as _questions  # noqa: F401  (importing registers every question)
from . import registry
from .graders import COMMA_IN_A_NUMBER, choice, describe, number, rows, short_repr, table  # noqa: F401  (graders, for reuse)

PASSED, NOT_ANSWERED, NOT_YET = "Basic checks passed", "Not answered yet", "Not yet"

friendly.install()  # in a notebook, a cell that fails explains itself in words (chipexport.friendly)


# ----------------------------------------------------------------------------- the blank of an exercise

class Blank:
    """`___`: the missing piece in a written-out line of an exercise, e.g. `share = 100 * ___ / total`.

    Until the student fills it in, arithmetic and comparisons with it give the blank again,
    so the cell runs, and its check says "Not answered yet". It never equals a real answer.
    """

    __array_ufunc__ = None  # numpy and pandas leave the operation to the blank
    __pandas_priority__ = 10_000

    def _same(self, *args, **kwargs):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _same
    __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = __round__ = _same
    __lt__ = __le__ = __gt__ = __ge__ = _same
    __hash__ = object.__hash__

    def __eq__(self, other):
        return self

    def __ne__(self, other):
        return self

    def __bool__(self):
        raise TypeError("replace the ___ with your answer first")

    def __format__(self, spec):
        return "___"

    def __repr__(self):
        return "___"


___ = Blank()


# ----------------------------------------------------------------------------- feedback

@dataclass(frozen=True)
class Feedback:
    """The answer to a check: `passed`, a `label` and a `message` in words."""

    question_id: str
    passed: bool
    label: str
    message: str

    def __str__(self):
        return f"{self.label}: {self.message}"

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        border = {PASSED: "#009E73", NOT_ANSWERED: "#999999"}.get(self.label, "#D55E00")
        return (f'<div style="border:2px solid {border};border-left-width:8px;padding:0.4em 0.8em;'
                f'margin:0.3em 0;border-radius:4px"><strong>{html.escape(self.label)}</strong> '
                f"(question {html.escape(self.question_id)}): {html.escape(self.message)}</div>")


def _passed(qid, message):
    return Feedback(qid, True, PASSED, message)


def _not_yet(qid, message):
    return Feedback(qid, False, NOT_YET, message)


# ----------------------------------------------------------------------------- questions

def questions():
    """The ids of all questions, in order ("0.1", "0.2", ..., "1.1", ...)."""
    return registry.ids()


def prompt(question_id):
    """What question `question_id` asks, in one sentence."""
    return registry.get(question_id).prompt


_NOTHING = object()


def check(question_id, answer=_NOTHING, *more):
    """Check `answer` to question `question_id`; always returns a Feedback, never raises.

    More than one answer (what `check("0.1", 2,368)` passes: a comma inside a number) and no
    answer at all get a sentence, not an error.
    """
    qid = question_id if isinstance(question_id, str) else short_repr(question_id)
    try:
        if not isinstance(question_id, str):
            return _not_yet(qid, f"write the question id in quotes: check(\"{qid}\", your_answer), "
                                 "as the check cells do.")
        if answer is _NOTHING:
            return _not_yet(qid, f"give the answer after the question id: check(\"{qid}\", your_answer).")
        if more:
            return _not_yet(qid, COMMA_IN_A_NUMBER)
        if question_id in registry.WRITTEN:
            return _not_yet(qid, f"{qid} is a written question: it has no check. Write your answer in the text "
                                 "cell under it (double-click the cell to type, Shift + Enter to show it).")
        question = registry.get(question_id)
        if question is None:
            return _not_yet(qid, f"there is no question {qid}: copy the id from the question's heading, "
                                 "such as \"1.1\" or \"2.P3\", in quotes.")
        if answer is Ellipsis:
            return Feedback(qid, False, NOT_ANSWERED,
                            "replace the ... with your answer, as name = answer with one = sign and the name as "
                            "written, run the cell, then run this check again. If you did, look for a box saying "
                            "'This cell could not run': it says what went wrong.")
        if isinstance(answer, Blank):
            return Feedback(qid, False, NOT_ANSWERED,
                            "fill in the ___ in the cell above, run that cell, then run this check again.")
        passed, message = question.grade(answer)
        return _passed(qid, message) if passed else _not_yet(qid, message)
    except Exception:  # a check must never crash on a student's input
        return _not_yet(qid, f"this answer could not be checked: got {describe(answer)}. "
                             "Check what the question asks for (a number, a text, a list of ids).")
