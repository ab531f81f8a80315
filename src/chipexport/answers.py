"""Answers as plain values: how `python -m chipexport.grade` reads a student's answer.

A submitted notebook runs in its own kernel, where the student's code can redefine anything,
`check` included. So the grader does not trust what that kernel says about an answer: it asks
the kernel only for the answer itself, as plain JSON (a number, a text, a list of texts), and
grades it in its own process with its own copy of the package.

`plain(value)` runs inside the student's kernel (its source is sent there, so it imports
nothing from the student's environment). It turns the forms a check cell accepts into plain
values: a numpy number into a number, a one-row column into its value, a table into its row ids,
a time span into days, a set into a sorted list. Anything else becomes a marker saying what it
was. `from_plain(value)` turns the markers back into what `chipexport.checks.check` expects.
"""

import inspect
import json

NOT_ANSWERED, BLANK, MISSING, OBJECT = "not answered", "blank", "missing", "object"


def plain(value, depth=0):
    """`value` as JSON-ready built-in values; never raises.

    Numbers stay numbers (numpy scalars become Python ones), texts stay texts, lists, tuples,
    sets, columns and arrays become lists (a set sorted), a one-row column or array becomes its
    value, a table becomes the list of its `id` column (or its index), a time span becomes its
    number of days. `...` and `___` become {"kind": "not answered"} and {"kind": "blank"};
    anything else {"kind": "object", "type": its type's name}.
    """
    import numbers

    def marker(kind, **more):
        return dict(kind=kind, **more)

    try:
        kind = type(value).__name__
        if value is Ellipsis:
            return marker("not answered")
        if kind == "Blank" and repr(value) == "___":
            return marker("blank")
        if value is None or type(value) is bool:
            return value
        if isinstance(value, str):
            return str.__str__(value)
        if kind in ("Timedelta", "timedelta"):
            return float(value.total_seconds()) / 86400
        if kind == "timedelta64":
            return float(value.astype("timedelta64[s]").astype(float)) / 86400
        if hasattr(value, "item") and getattr(value, "shape", None) == ():  # a numpy scalar
            return plain(value.item(), depth + 1)
        if isinstance(value, numbers.Integral):
            return int.__index__(value)
        if isinstance(value, numbers.Real):
            return float(value)
        if depth > 2:
            return marker("object", type=kind)
        if hasattr(value, "columns") and hasattr(value, "index"):  # a table: its row ids
            ids = value["id"] if "id" in value.columns else value.index
            return [plain(v, depth + 1) for v in ids.tolist()]
        if hasattr(value, "tolist") and getattr(value, "size", None) == 1:  # one-row column or array
            item = value.tolist()
            while isinstance(item, list):
                item = item[0]
            return plain(item, depth + 1)
        if isinstance(value, (set, frozenset)):
            items = [plain(v, depth + 1) for v in value]
            return sorted(items, key=lambda v: (type(v).__name__, str(v)))
        if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
            items = value.tolist() if hasattr(value, "tolist") else list(value)
            return [plain(v, depth + 1) for v in items]
        return marker("object", type=kind)
    except Exception:  # an object that breaks on inspection is just an object
        return marker("object", type="unknown")


def kernel_code(names):
    """Python source that, run in the student's kernel, defines `plain` afresh and evaluates to
    one JSON text: {name: plain(value)} for each name in `names`, a "missing" marker for a name
    that is not defined there."""
    source = inspect.getsource(plain).replace("plain(", "_chipexport_plain(")  # leaves the student's names alone
    return (source + "\n"
            "def _chipexport_answers(names):\n"
            "    import json as _json\n"
            "    found = globals()\n"
            "    return _json.dumps({n: _chipexport_plain(found[n]) if n in found else {'kind': 'missing'}\n"
            "                        for n in names}, allow_nan=True)\n"
            f"_chipexport_json = _chipexport_answers({json.dumps(list(names))})\n")


def from_plain(value):
    """(answer for `check`, None) or (None, a sentence saying why there is nothing to grade).

    value: one entry of the JSON the kernel gave, already parsed by the grader.
    """
    from .checks import ___  # the blank an exercise starts with

    if isinstance(value, dict):
        kind = value.get("kind")
        if kind == NOT_ANSWERED:
            return Ellipsis, None
        if kind == BLANK:
            return ___, None
        if kind == MISSING:
            return None, "no answer: the name the check reads was not defined when the notebook ran"
        return None, (f"the answer is not a number, a text or a list of texts (it is an object of type "
                      f"{str(value.get('type', 'unknown'))[:40]}), so it cannot be graded")
    return value, None
