"""Reading a student's answer: what came in, in words, and the number or the single value in it.

The graders of `chipexport.graders` use these helpers, so that every grader describes a strange
answer the same way ("the text '2,368'", "2 values separated by commas") and reads a number the
same way (a one-row column gives its value, a time span in days its number of days, two or
three numbers mean a comma inside a number).
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


def plural(n, word):
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
            return f"a column of {plural(value.size, 'value')}"
        if isinstance(value, tuple):
            return f"{plural(len(value), 'value')} separated by commas"
        if isinstance(value, (list, set, frozenset, dict)):
            return f"a {type(value).__name__} of {plural(len(value), 'item')}"
        if callable(value):
            name = getattr(value, "__name__", type(value).__name__)
            return f"the function {name} rather than its result (add () to call it)"
    except Exception:
        pass
    return f"an object of type {type(value).__name__}"


def one_item(answer):
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
    import re
    if re.fullmatch(r"\s*-?\d+,\d{1,2}\s*", text):  # 26,4: a decimal comma
        return ("the answer should be a number, with a point for decimals and no quotes: 2.5, not \"2,5\" "
                f"(got {text.strip()!r}).")
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
        return (f"the answer should be a number, not text: write {cleaned}, without quotes"
                + (" and without commas." if "," in text or " " in text.strip() else "."))
    except ValueError:
        return (f"the answer should be a number; got {describe(text)}. Write the number alone, without "
                "quotes or a unit (the question gives the unit).")


COMMA_IN_A_NUMBER = ("Python read several numbers here, probably because of a comma inside a number: write "
                     "12345, not 12,345, and 6.7, not 6,7 (a point for decimals, no commas).")


def _several_numbers(answer):
    """Whether the answer is 2 to 4 numbers (a tuple, list or column): a comma inside a number."""
    try:
        items = list(answer.tolist() if hasattr(answer, "tolist") else answer)
    except Exception:
        return False
    return (isinstance(answer, (tuple, list)) or hasattr(answer, "tolist")) and 2 <= len(items) <= 4 and all(
        isinstance(i, numbers.Real) and not isinstance(i, bool) for i in items)


def as_number(answer, unit=""):
    """(number, None) or (None, a sentence saying why the answer is not a usable number).

    A one-row Series or array gives its value; for an answer in days, a time span (what
    subtracting two dates gives) gives its number of days. Two to four numbers (what
    `1,000` gives) get a sentence about commas.
    """
    answer = one_item(answer)
    if not isinstance(answer, str) and _several_numbers(answer):
        return None, COMMA_IN_A_NUMBER
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
            return as_number(answer.total_seconds() / 86400 if hasattr(answer, "total_seconds")
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
