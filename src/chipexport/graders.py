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

from .answer_forms import COMMA_IN_A_NUMBER, as_number, describe, one_item, plural, short_repr  # noqa: F401


# ----------------------------------------------------------------------------- graders

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
        return (f"right size, wrong sign: leave out the minus sign, or, if you subtracted, swap the two numbers. "
                f"The answer is in {unit}.")
    money, percent = "USD" in unit, "percent" in unit
    thousand = ("a factor of 1,000: millions for billions, or thousands for millions?" if money else
                "a factor of 1,000: check the decimal point, and that no comma was read as one.")
    hundred = ("a factor of 100: a percent where a fraction is asked, or the reverse?" if percent else
               "a factor of 100: check the decimal point.")
    for factor, words in ((1e3, thousand),
                          (1e6, "a factor of a million: check the unit prefix (million, billion, tera)."),
                          (1e9, "a factor of a billion: check the unit prefix."),
                          (1e12, "a factor of 10^12: the question's unit already includes the 'tera'."),
                          (100, hundred)):
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
           too_high=None, too_low=None, counts=False, echo=True, steps=None):
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
    echo: the passing message repeats the answer (False for a lesson's practice question, whose
        folded model answer must not show its value when "Run All" runs it).
    steps: (start, step) of the slider an answer is read from: a value between its steps is told
        so, before too_high / too_low (which would not hold between steps).

    Messages never state the expected value: they name the form, the unit and the slip.
    """
    if counts:
        rel_tol, abs_tol = 0.0, 0.01

    def grade(answer):
        value, problem = as_number(answer, unit)
        if problem:
            return False, problem
        target = _value(expected)
        points = "percentage points" if unit == "percent" else unit
        tolerance = f"within {rel_tol:.1%}" if rel_tol else ("exactly" if counts else f"within {_fmt(abs_tol)} {points}")
        said = f"{_fmt(value)} {unit}: that" if echo else "that"
        if accept is not None:
            low, high = _value(accept)
            if low <= value <= high:
                return True, f"{said} is {what or 'in the accepted range'}."
        elif _close(value, target, rel_tol, abs_tol):
            return True, f"{said} matches {what or 'the expected value'} ({tolerance})."
        for wrong, hint in known_wrong:
            if _close(value, _value(wrong), rel_tol or 1e-9, abs_tol / 4):  # a known slip is matched closely
                return False, _text(hint)
        magnitude = _magnitude_hint(value, target, unit)
        if magnitude:
            return False, magnitude
        if steps is not None and not _close((value - steps[0]) / steps[1], round((value - steps[0]) / steps[1]), 0, 1e-6):
            return False, (f"{_fmt(value)} is not one of the slider's values: it moves in steps of {_fmt(steps[1])} "
                           f"{unit}. Give the value the slider shows.")
        if accept is not None and value > high and too_high:
            return False, _text(too_high)
        if accept is not None and value < low and too_low:
            return False, _text(too_low)
        precision = "" if accept is not None else f" ({tolerance})"
        return False, (f"{_fmt(value)} is not the value the check expects{precision}. Re-read the question: "
                       f"the answer is in {unit}.")
    grade.expected, grade.counts = expected, counts
    grade.accept_range = None if accept is None else (lambda: _value(accept))
    return grade


def _normalise(text):
    """Case, spaces, underscores, surrounding quotes or brackets and a final full stop ignored."""
    text = " ".join(str(text).lower().replace("_", " ").replace("–", "-").replace("—", "-").split())
    text = text.strip("'\"“”‘’ ")
    if text.endswith(".") and not text[:-1].endswith("."):
        text = text[:-1]
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip()
    return text


def _letter(text):
    """'(c)', 'c)', 'c: how fast ...' -> 'c', for questions whose options are letters. A text that
    names a second option ('c and b', 'c or a') stays as it is, so it is no option: it hedges.
    A letter followed by a space and words ('a charge Nvidia booked') is a sentence, not a letter."""
    import re
    match = re.match(r"^\(?([a-z])\)?(?:[.:),]\s*(.*))?$", text)
    if not match:
        return text
    rest = " " + (match.group(2) or "") + " "
    hedged = (re.search(r"\b(and|or|et|ou|maybe|perhaps|peut-être)\b|[&/,]", rest)
              or re.search(r"(?<![\w'])[b-z](?![\w'])|(?<![\w'])\(?a\)(?!\w)|(?<![\w'])a\s*$", rest))
    return text if hedged else match.group(1)


def _as_letter(text, labels):
    """For a lettered question with `labels` ({letter: the option's words}): the letter an answer
    means, or (None, hint) when its letter and its words name different options."""
    import re
    t = _normalise(text)
    labels = {k: [v] if isinstance(v, str) else list(v) for k, v in labels.items()}  # words, then other forms
    def ids(x):
        found = re.findall(r"[a-z]{2}\s*[-–]?\s*\d+", x)
        rest = re.sub(r"[a-z]{2}\s*[-–]?\s*\d+|\band\b|[&/,+\s]", "", x)
        return {re.sub(r"[\s–-]", "", i) for i in found} if found and not rest else None
    for letter, forms in labels.items():
        if t in {_normalise(f) for f in forms} or (ids(t) and ids(t) == ids(_normalise(forms[0]))):
            return letter, None  # the option's words, without the letter
    match = re.match(r"^\(?([a-z])\)?[.:),]\s*(.+)$", t)
    if match and match.group(1) in labels:
        said, own = match.group(2), [_normalise(f) for f in labels[match.group(1)]]
        others = [k for k, forms in labels.items() if k != match.group(1) and said in _normalise(forms[0])]
        if said in own:
            return match.group(1), None  # the letter and its own words, as the question prints them
        if others and not any(said in f for f in own):
            return None, (f"the letter and the words name different options: '{match.group(1)}' and the words of "
                          f"'{others[0]}'. Type just the letter you mean, in quotes.")
    return text, None


def _bare_figure(text):
    """'$15 billion', 'USD 15bn', '15.0' -> '15': the figure, for options that are figures ('15', '10-16')."""
    import re
    t = _normalise(text).replace("us$", "").replace("usd", "").replace("$", "").strip()
    t = re.sub(r"\s*(billion|bn|b)\b\.?$", "", t).strip()
    return re.sub(r"(?<=\d)\.0+(?=$|-)", "", t)


def _subtracted(value, options):
    """The option a number came from when Python read it as a subtraction (10-16 gives -6), or None."""
    import re
    for option in options or ():
        m = re.fullmatch(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)", option)
        if m and isinstance(value, numbers.Number) and math.isclose(float(m.group(1)) - float(m.group(2)), value):
            return option
    return None


def choice(accepted, known_wrong=(), what=None, options=None, echo=True, labels=None):
    """A grader for a text answer that must be one of `accepted` (case, spaces and _ ignored).

    accepted: the texts that pass, or a function returning them (to read them from the data).
    known_wrong: pairs (text, hint) for typical wrong answers.
    options: the options the question names, if it names them; an answer outside them is
        told so (listing them gives nothing away: the question lists them too).
    A one-row Series or array holding the text counts as that text. Where every option is one
    letter, "(c)" and "c: ..." count as "c".
    echo: the passing message repeats the answer (see `number`).
    labels: for lettered options, {letter: the option's words, or a list of them and other forms}:
        the words alone count as their letter, and a letter followed by another option's words is
        told so.
    Where every option is a figure ('15', '10.5', '10-16'), '$15 billion' and '15.0' count as '15'.
    """
    import re
    option_norm = {_normalise(o) for o in options or ()}
    letters = bool(options) and all(len(o) == 1 for o in options)
    figures = bool(options) and all(re.fullmatch(r"[\d.]+(-[\d.]+)?", o) for o in options)

    def norm(text):
        text = _normalise(text)
        if figures:
            return _bare_figure(text)
        return _letter(text) if letters else text

    def grade(answer):
        answer = one_item(answer)
        if not isinstance(answer, str) and _subtracted(answer, options):
            return False, (f"without quotes Python computes {_subtracted(answer, options)} as a subtraction "
                           f"(it gave {short_repr(answer)}): put the answer in quotes, as the question writes it.")
        if isinstance(answer, str) and labels:
            answer, mismatch = _as_letter(answer, labels)
            if mismatch:
                return False, mismatch
        if not isinstance(answer, str):
            form = ("one of the options the question names, in quotes" if options
                    else "a text in quotes, as the question asks")
            return False, f"the answer should be {form}; got {describe(answer)}."
        if norm(answer) in {_normalise(a) for a in _value(accepted)}:
            return True, (f"'{answer}' is {what or 'the expected answer'}." if echo
                          else f"that is {what or 'the expected answer'}.")
        for wrong, hint in known_wrong:
            if norm(answer) == _normalise(wrong):
                return False, _text(hint)
        if options and norm(answer) not in option_norm:
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
        items = [i.strip().upper() for i in items]  # 'ch-h20 ' is CH-H20
        target = {t.upper() for t in _value(expected)}
        got = set(items)
        prefix = example.split("-")[0] + "-" if "-" in example else None
        if prefix and items and not any(i.startswith(prefix) for i in items):
            return False, (f"the answer should be row ids, such as '{example}', not names: each chip, event or "
                           "claim has an id in the table's id column.")
        if got == target and len(items) == len(got):
            return True, f"the expected {what} ({len(got)}) are all there, and nothing else."
        for wrong, hint in known_wrong:
            if got == {w.upper() for w in _value(wrong)}:
                return False, _text(hint)
        parts = []
        if len(items) != len(got):
            parts.append("some ids appear twice")
        missing, extra = target - got, sorted(got - target)
        if missing:
            parts.append("some of the expected ids are missing")
        if extra:
            parts.append(f"not expected: {_id_list(extra)}")
        return False, f"{plural(len(got), what[:-1] if what.endswith('s') else what)} given; " + "; ".join(parts) + "."
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
        value, problem = as_number(a)
        if problem:
            return False
        if math.isnan(float(b)):
            return False
        return _close(value, float(b), rel_tol, 1e-12)
    return a == b


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


def read_month_year(text):
    """(year, month) from a text such as 'January 2025', '26 January 2025', 'Jan. 2025', 'Jan-2025',
    '2025-01', '2025-01-26', '01/2025', '26/01/2025'; a missing part is None. A text naming two
    months or two years ('January 2025 or December 2024') gives (None, None): it hedges."""
    import re
    text = str(text)
    numeric = re.fullmatch(r"\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*|\s*(\d{1,2})/(\d{4})\s*|"
                           r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    if numeric:
        g = numeric.groups()
        if g[0]:
            return int(g[0]), int(g[1])
        if g[2]:
            return int(g[3]), int(g[2])
        first, second = int(g[4]), int(g[5])  # 26/01/2025 or 01/26/2025: read only when unambiguous
        if first > 12 >= second:
            return int(g[6]), second
        if second > 12 >= first:
            return int(g[6]), first
        return int(g[6]), None if first != second else first
    spaced = re.sub(r"(?<=[a-z])(?=\d)", " ", text.lower())
    words = re.sub(r"[.,/-]", " ", spaced).split()
    months = {MONTHS.index(m) + 1 for w in words for m in MONTHS if len(w) >= 3 and m.startswith(w)}
    years = set(re.findall(r"\b(\d{4})\b", spaced))
    if len(months) > 1 or len(years) > 1:
        return None, None
    return (int(next(iter(years))) if years else None), (next(iter(months)) if months else None)


def month_year(year, month, what, known_wrong=()):
    """A grader for a month and year typed as text, in any common form ('January 2025', 'Jan 2025',
    '2025-01', a full date in that month). known_wrong: pairs ((year, month), hint)."""
    def grade(answer):
        answer = one_item(answer)
        if not isinstance(answer, str):
            return False, f"the answer should be a month and a year in quotes, such as \"March 2024\"; got {describe(answer)}."
        got_year, got_month = read_month_year(answer)
        if got_month is None or got_year is None:
            missing = "the year" if got_year is None and got_month is not None else (
                "the month, in English" if got_month is None and got_year is not None else "a month and a year")
            return False, f"'{answer}' needs {missing}: write it as \"Month Year\", such as \"March 2024\"."
        if (got_year, got_month) == (year, month):
            return True, f"that is {what}."
        for (wy, wm), hint in known_wrong:
            if (got_year, got_month) == (wy, wm):
                return False, _text(hint)
        return False, f"'{answer}' is not the month the check expects. Re-read the lesson."
    grade.expected = f"{MONTHS[month - 1].title()} {year}"
    return grade
