"""The slips students make, generated from each question's own reference answer, and the test of
whether a message gives an answer away. Shared by tests/test_checks.py and the reviews.

- slips(qid): wrong answers made from the reference: x1000, /1000, x100, /100, the sign,
  +-1 for counts, the answer typed as text; for lists, one id missing or one id extra.
- right_forms(qid): the reference in other forms that must pass: int and float, numpy
  scalars, a one-row Series; a tuple, Series or table of the ids.
- reveals(qid, answer, message): the expected value or ids a message states that the answer
  did not contain.
"""

import re

import numpy as np
import pandas as pd

from chipexport import data, registry
from chipexport.checks import check, questions

GENERIC = "is not the value the check expects"


def reference(qid):
    return registry.get(qid).expected()


def kind(qid):
    """'number', 'text' or 'ids', by the form of the reference answer."""
    ref = reference(qid)
    if isinstance(ref, str):
        return "text"
    if isinstance(ref, (list, tuple)):
        return "ids"
    return "number"


def is_count(qid):
    return bool(getattr(registry.get(qid).grade, "counts", False))


def _other_ids(ids):
    """An id of the same table as `ids` that is not among them."""
    prefix = ids[0].split("-")[0] if "-" in ids[0] else ids[0][0]
    for name in data.names():
        table = data.load(name)
        same = [i for i in table["id"] if i.startswith(prefix) and i not in ids]
        if same and any(i in set(table["id"]) for i in ids):
            return same[0]
    return "ZZ-999"


def slips(qid):
    ref, k = reference(qid), kind(qid)
    if k == "number":
        ref = float(ref)
        out = [ref * 1000, ref / 1000, ref * 100, ref / 100, -ref, str(ref), f"{ref:g}"]
        if is_count(qid):
            out += [ref + 1, ref - 1]
        return [s for s in out if s != ref]
    if k == "text":
        options = [o for o in getattr(registry.get(qid).grade, "options", []) if o.lower() != ref.lower()]
        month = registry.get(qid).grade.__qualname__.startswith("month_year")  # "January-2025" is a right form
        hyphen = () if month else (ref.replace(" ", "-"),)
        return options + [s for s in (ref + "s", *hyphen, [ref, ref], "") if s != ref]
    ids = list(ref)
    out = [ids[:-1], ids + [_other_ids(ids)], " ".join(ids), [], ids + ids[:1]]
    return [s for s in out if sorted(s) != sorted(ids) or isinstance(s, str)]


def right_forms(qid):
    ref, k = reference(qid), kind(qid)
    if k == "number":
        forms = [float(ref), np.float64(ref), pd.Series([float(ref)])]
        if float(ref).is_integer():
            forms += [int(ref), np.int64(int(ref))]
        return forms
    if k == "text":
        return [ref, ref.upper(), f"  {ref} ", pd.Series([ref])]
    ids = list(ref)
    return [tuple(ids), pd.Series(ids), pd.DataFrame({"id": ids}), list(reversed(ids))]


# ----------------------------------------------------------------------------- giving the answer away

_IDS = re.compile(r"\b[A-Z]{1,3}-[A-Z0-9][A-Za-z0-9-]*|\bC\d\d\b")
_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")
_TOLERANCE = re.compile(r"within [\d.,]+ ?%|within [\d.,]+ [^).]*")
_SHAPE = re.compile(r"(?:list|tuple|set|dict|array|table) of [\d,]+ \w+(?: and [\d,]+ columns)?|[\d,]+ \w+ given")


def _numbers_in(text):
    """The numbers a message states, leaving out ids, tolerances and the shape of the answer given."""
    text = _SHAPE.sub(" ", _TOLERANCE.sub(" ", _IDS.sub(" ", text)))
    found = []
    for token in _NUMBER.findall(text):
        try:
            found.append(float(token.replace(",", "")))
        except ValueError:
            pass
    return found


def _as_text(answer):
    try:
        if isinstance(answer, pd.DataFrame):
            return " ".join(map(str, answer.to_numpy().ravel()))
        if isinstance(answer, (list, tuple, set, pd.Series, np.ndarray)):
            return " ".join(map(str, list(answer)))
        return str(answer)
    except Exception:
        return ""


def _close_to(x, ref, qid):
    grade = registry.get(qid).grade
    accept = getattr(grade, "accept_range", None)
    if accept:
        low, high = accept()
        return low <= x <= high
    return abs(x - ref) <= max(abs(ref) * 0.006, 0.011)


def reveals(qid, answer, message):
    """What of the expected answer `message` states that `answer` did not hold (empty: nothing)."""
    ref, k, given = reference(qid), kind(qid), _as_text(answer)
    if k == "ids":
        return sorted(i for i in ref if i in message and i not in given)
    if k == "text":
        norm = lambda t: " ".join(t.lower().replace("_", " ").split())  # noqa: E731
        if getattr(registry.get(qid).grade, "options", None):
            message = message.split("the question names")[0]  # the options the question itself lists
        said = re.search(rf"(?<![\w.]){re.escape(norm(ref))}(?![\w.])", norm(message))
        return [ref] if said and norm(ref) not in norm(given) else []
    ref = float(ref)
    said = [x for x in _numbers_in(message) if _close_to(x, ref, qid)]
    held = [x for x in _numbers_in(given) if _close_to(x, ref, qid)]
    return [] if held else said


def sweep_answers(qid, extra=()):
    """Wrong and malformed answers to try on one question: its slips, then odd inputs."""
    odd = [None, "", "some text", [], {}, 0, -1, 1e9, float("nan"), pd.Series([1, 2]), ["X-1"], True]
    return list(slips(qid)) + list(extra) + odd


def generic_share(answers_by_question):
    """(generic replies, wrong answers tried) over {qid: [wrong answers]}."""
    generic = total = 0
    for qid, answers in answers_by_question.items():
        for answer in answers:
            feedback = check(qid, answer)
            if not feedback.passed:
                total += 1
                generic += GENERIC in feedback.message or "is not what the check expects" in feedback.message
    return generic, total


def all_questions():
    return questions()
