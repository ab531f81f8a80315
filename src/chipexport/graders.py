"""Graders: functions that judge one answer and explain, in words, what is wrong with it.

A grader takes the student's answer and returns (passed, message). It never raises on a
strange answer: a text where a number is asked, a list, NaN, an object whose comparison
fails. Messages say what form was expected and what came in, and name the usual slip
(a sparse datasheet figure, millions for billions, a percent for a fraction).

The question modules of `chipexport.questions` build their questions from these graders;
`chipexport.checks.check` runs them.
"""

import math
import numbers


# ----------------------------------------------------------------------------- describing an answer

def short_repr(value, limit=60):
    """repr(value) on one line, cut to `limit` characters; never raises."""
    try:
        text = " ".join(repr(value).split())
    except Exception:  # an object whose repr fails still gets a sentence
        text = f"an object of type {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _count(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def describe(value):
    """What came in, in words: "the text 'abc'", "a list of 2 items", "a table of 3 rows"."""
    try:
        if value is None:
            return "None (nothing)"
        if isinstance(value, bool):
            return f"the value {value}"
        if isinstance(value, str):
            return f"the text {short_repr(value)}"
        if isinstance(value, numbers.Number):
            return f"the number {short_repr(value)}"
        if hasattr(type(value), "columns") and hasattr(value, "shape"):
            return f"a table of {value.shape[0]} rows and {value.shape[1]} columns"
        if hasattr(type(value), "shape") and hasattr(value, "size"):
            return f"an array of {_count(value.size, 'value')}"
        if isinstance(value, (list, tuple, set, frozenset, dict)):
            return f"a {type(value).__name__} of {_count(len(value), 'item')}"
        if callable(value):
            name = getattr(value, "__name__", type(value).__name__)
            return f"the function {name} rather than its result (add () to call it)"
    except Exception:
        pass
    return f"an object of type {type(value).__name__}"


# ----------------------------------------------------------------------------- graders

def _one_item(answer):
    """The single value inside a one-row Series, Index or array, or `answer` itself.

    Selecting one row of a table gives such a column (`table.loc[mask, "unit"]`); its one
    value is what the student meant.
    """
    try:
        if hasattr(answer, "tolist") and getattr(answer, "size", None) == 1 and not isinstance(answer, str):
            item = answer.tolist()
            while isinstance(item, list):
                item = item[0]
            return item
    except Exception:
        pass
    return answer


def _is_timedelta(answer):
    return type(answer).__name__ in ("Timedelta", "timedelta", "timedelta64")


def _number_text_problem(text):
    """A sentence for a number typed as text: '2,368', '15%', '96 days'."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if cleaned.endswith("%"):
        try:
            float(cleaned[:-1])
            return (f"the answer should be a number, not text: write {cleaned[:-1]} for {text.strip()}, "
                    "without the quotes and without the % sign.")
        except ValueError:
            pass
    try:
        float(cleaned)
        return f"the answer should be a number, not text: remove the quotes around {text!r}."
    except ValueError:
        return (f"the answer should be a number; got {describe(text)}. Write the number alone, without "
                "quotes or a unit (the question gives the unit).")


def _as_number(answer, unit=""):
    """(number, None) or (None, a sentence saying why the answer is not a usable number).

    A one-row Series or array gives its value; for an answer in days, a time span (what
    subtracting two dates gives) gives its number of days.
    """
    answer = _one_item(answer)
    if isinstance(answer, bool):
        return None, f"the answer should be a number, not {answer}."
    if isinstance(answer, str):
        return None, _number_text_problem(answer)
    if answer is None:
        return None, "got None (nothing): did the cell above assign your answer to the name?"
    if _is_timedelta(answer):
        if unit != "days":
            return None, f"the answer should be a number in {unit}; got a time span."
        try:
            return _as_number(answer.total_seconds() / 86400 if hasattr(answer, "total_seconds")
                              else answer.astype("timedelta64[s]").astype(float) / 86400, unit)
        except Exception:
            return None, "this time span could not be read as a number of days: use its .days."
    if isinstance(answer, numbers.Real):
        try:
            value = float(answer)
        except OverflowError:
            return None, "the number is too large to be an answer here: check the unit."
    else:
        return None, f"the answer should be one number; got {describe(answer)}."
    if math.isnan(value):
        return None, "the answer is NaN (not a number): check that the cells above ran and found the data."
    if math.isinf(value):
        return None, "the answer is infinite: check for a division by zero."
    return value, None


def _text(hint):
    """A hint is a sentence, or a function returning one (to read numbers from the datasets)."""
    return hint() if callable(hint) else hint


def _close(a, b, rel_tol, abs_tol):
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def _magnitude_hint(value, expected, unit):
    """A sentence when value is expected off by a power of ten that signals a unit slip."""
    if expected == 0 or value == 0:
        return None
    ratio = value / expected
    if _close(ratio, -1, 0.02, 0):
        return f"right size, wrong sign: check the order of the two numbers. The answer is in {unit}."
    for factor, words in ((1e3, "a factor of 1,000: millions for billions, or thousands for millions?"),
                          (1e6, "a factor of a million: check the unit prefix (million, billion, tera)."),
                          (1e9, "a factor of a billion: check the unit prefix."),
                          (1e12, "a factor of 10^12: the question's unit already includes the 'tera'."),
                          (100, "a factor of 100: a percent where a fraction is asked, or the reverse?")):
        for r in (factor, 1 / factor):
            if _close(abs(ratio), r, 0.02, 0):
                return f"{_fmt(value)} is off by {words} The question asks for {unit}."
    return None


def _fmt(x):
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}" if abs(x) >= 100 else f"{x:.4g}"


def _value(x):
    return x() if callable(x) else x


def number(expected, unit, rel_tol=0.005, abs_tol=0.0, known_wrong=(), what=None, accept=None,
           too_high=None, too_low=None, counts=False):
    """A grader for a numeric answer.

    expected: the value, or a function returning it (so it can be read from the datasets).
    unit: words for the unit, used in hints ("TPP", "USD billion", "days").
    rel_tol, abs_tol: the stated tolerance.
    known_wrong: pairs (value or function, hint) for typical wrong answers; a hint is a
        sentence or a function returning one. Each lies outside the answer's tolerance
        (tests/test_checks.py checks this), so no slip passes and no right answer gets a hint.
    what: what the answer is, for the passing message ("the H20's TPP").
    accept: (low, high), or a function returning it: every value in that closed range passes
        (for "the highest floor that still catches it"); `expected` stays the reference
        answer. too_high, too_low: hints for values just outside the range.
    counts: the answer is a count (of days, chips, events): a whole number, exactly.

    Messages never state the expected value: they name the form, the unit and the slip.
    """
    if counts:
        rel_tol, abs_tol = 0.0, 0.01

    def grade(answer):
        value, problem = _as_number(answer, unit)
        if problem:
            return False, problem
        target = _value(expected)
        tolerance = f"within {rel_tol:.1%}" if rel_tol else ("exactly" if counts else f"within {_fmt(abs_tol)} {unit}")
        if accept is not None:
            low, high = _value(accept)
            if low <= value <= high:
                return True, f"{_fmt(value)} {unit}: that is {what or 'in the accepted range'}."
        elif _close(value, target, rel_tol, abs_tol):
            return True, f"{_fmt(value)} {unit}: that matches {what or 'the expected value'} ({tolerance})."
        for wrong, hint in known_wrong:
            if _close(value, _value(wrong), rel_tol or 1e-9, abs_tol):
                return False, _text(hint)
        if accept is not None and value > high and too_high:
            return False, _text(too_high)
        if accept is not None and value < low and too_low:
            return False, _text(too_low)
        precision = "" if accept is not None else f" ({tolerance})"
        return False, (_magnitude_hint(value, target, unit)
                       or f"{_fmt(value)} is not the value the check expects{precision}. Re-read the question: "
                          f"the answer is in {unit}.")
    grade.expected, grade.counts = expected, counts
    grade.accept_range = None if accept is None else (lambda: _value(accept))
    return grade


def _normalise(text):
    return " ".join(str(text).lower().replace("_", " ").split())


def choice(accepted, known_wrong=(), what=None, options=None):
    """A grader for a text answer that must be one of `accepted` (case, spaces and _ ignored).

    accepted: the texts that pass, or a function returning them (to read them from the data).
    known_wrong: pairs (text, hint) for typical wrong answers.
    options: the options the question names, if it names them; an answer outside them is
        told so (listing them gives nothing away: the question lists them too).
    A one-row Series or array holding the text counts as that text.
    """
    option_norm = {_normalise(o) for o in options or ()}

    def grade(answer):
        answer = _one_item(answer)
        if not isinstance(answer, str):
            form = ("one of the options the question names, in quotes" if options
                    else "a text in quotes, as the question asks")
            return False, f"the answer should be {form}; got {describe(answer)}."
        if _normalise(answer) in {_normalise(a) for a in _value(accepted)}:
            return True, f"'{answer}' is {what or 'the expected answer'}."
        for wrong, hint in known_wrong:
            if _normalise(answer) == _normalise(wrong):
                return False, _text(hint)
        if options and _normalise(answer) not in option_norm:
            listed = ", ".join(f"'{o}'" for o in options)
            return False, f"'{answer}' is not one of the options; the question names {listed}."
        return False, f"'{answer}' is not what the check expects. Re-read the question."
    grade.expected, grade.options = (lambda: list(_value(accepted))[0]), list(options or ())
    return grade


def _as_ids(answer, example):
    """The row ids in a list, tuple, set, Series, Index or DataFrame (its 'id' column or index)."""
    if isinstance(answer, str):
        return None, f"the answer should be a list of ids, such as ['{example}'], not one text."
    if hasattr(answer, "columns"):
        answer = answer["id"] if "id" in answer.columns else answer.index
    if not isinstance(answer, (list, tuple, set, frozenset)) and not hasattr(answer, "tolist"):
        return None, f"the answer should be a list of ids; got {describe(answer)}."
    items = list(answer.tolist() if hasattr(answer, "tolist") else answer)
    if items and all(isinstance(i, bool) for i in items):
        return None, ("that is a list of True/False values (a mask): use it to select rows, "
                      "table[mask], then take their id column.")
    if not all(isinstance(i, str) for i in items):
        return None, f"every item should be an id in quotes, such as '{example}'."
    return items, None


def rows(expected, what="rows", known_wrong=(), example="TL-011"):
    """A grader for a set of row ids (order ignored, duplicates reported).

    expected: the ids, or a function returning them. known_wrong: pairs (ids or a function
    returning them, hint). example: an id to show the form with; it must not be one of the
    expected ids. A failing message says that ids are missing, never which or how many.
    """
    def grade(answer):
        items, problem = _as_ids(answer, example)
        if problem:
            return False, problem
        target = set(_value(expected))
        got = set(items)
        if got == target and len(items) == len(got):
            return True, f"the expected {what} ({len(got)}) are all there, and nothing else."
        for wrong, hint in known_wrong:
            if got == set(_value(wrong)):
                return False, _text(hint)
        parts = []
        if len(items) != len(got):
            parts.append("some ids appear twice")
        missing, extra = target - got, sorted(got - target)
        if missing:
            parts.append("some of the expected ids are missing")
        if extra:
            parts.append(f"not expected: {_id_list(extra)}")
        return False, f"{_count(len(got), what[:-1] if what.endswith('s') else what)} given; " + "; ".join(parts) + "."
    grade.expected = expected
    return grade


def _id_list(ids, limit=6):
    return ", ".join(map(str, ids[:limit])) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def table(expected, key, columns, rel_tol=0.005, what="rows"):
    """A grader for a DataFrame: the rows (by the `key` column) and the values of `columns`.

    expected: a DataFrame, or a function returning one. Numbers are compared within
    `rel_tol`, text exactly. The message names the missing columns, how many rows are
    missing, the rows not expected, and, per column, the rows whose values differ.
    """
    def grade(answer):
        if not hasattr(answer, "columns"):
            return False, (f"the answer should be a table (a pandas DataFrame) with the columns "
                           f"{', '.join([key] + list(columns))}; got {describe(answer)}.")
        target = _value(expected)
        missing_cols = [c for c in [key] + list(columns) if c not in answer.columns]
        if missing_cols:
            return False, f"the table has no column {', '.join(repr(c) for c in missing_cols)}."
        got_keys, want_keys = list(answer[key]), list(target[key])
        if set(got_keys) != set(want_keys) or len(got_keys) != len(set(got_keys)):
            passed, message = rows(want_keys, what, example=str(got_keys[0]) if got_keys else "id")(got_keys)
            return False, message
        got, want = answer.set_index(key), target.set_index(key)
        differ = []
        for col in columns:
            bad = [k for k in want_keys if not _same(got.at[k, col], want.at[k, col], rel_tol)]
            if bad:
                differ.append(f"column '{col}' differs for {_id_list(bad)}")
        if differ:
            return False, "; ".join(differ) + "."
        return True, f"the {len(want_keys)} {what} and their columns {', '.join(columns)} match."
    grade.expected = expected
    return grade


def _same(a, b, rel_tol):
    if isinstance(b, numbers.Real) and not isinstance(b, bool):
        value, problem = _as_number(a)
        if problem:
            return False
        if math.isnan(float(b)):
            return False
        return _close(value, float(b), rel_tol, 1e-12)
    return a == b
