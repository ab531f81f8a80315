"""Error messages a student who does not program can act on (Data 8's habit of a helper that
explains Python's errors in words).

`install()` (run when `chipexport` is imported in a notebook) makes a cell that fails show
first a short box in words: what went wrong, most likely, and what to do. Python's own message
follows, folded under "What Python said", for those who want it. Nothing else changes: the cell
still counts as failed, so "Run All" stops there as before.

The sentence comes from `explain(error, source)`: a plain function a test can call.
"""

import html
import re
import traceback

ANSWER_IN_QUOTES = ("If it is your answer, put it in quotes: \"{name}\". If it is a name from a cell above, run "
                    "that cell first (Shift + Enter), or run them all: Run → Run All Cells.")
SETUP_NAMES = {"check", "data", "timeline", "rules", "tables", "widgets", "events", "market", "claims", "chips",
               "thresholds", "hardware", "chipexport", "___"}
FUNCTIONS = {"days_between": "timeline.days_between", "select": "timeline.select", "tpp": "rules.tpp",
             "performance_density": "rules.performance_density", "classify": "rules.classify",
             "value": "data.value", "load": "data.load", "source": "data.source", "show": "tables.show"}
SIGNS = {"×": "*", "÷": "/", "−": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'}


def _name_error(error, source):
    match = re.search(r"name '([^']+)' is not defined", str(error))
    name = match.group(1) if match else "?"
    if re.search(rf"\b{re.escape(name)}\s*\(", source or "") and name in FUNCTIONS:
        return f"`{name}` is reached through its module here: write {FUNCTIONS[name]}(...), as the lesson does."
    if re.search(rf"^\s*{re.escape(name)}\s*(==|:)", source or "", flags=re.M):
        return (f"To give an answer, write {name} = your answer, with one = sign: == asks whether two things "
                "are equal, and : starts something else. Then run the cell again.")
    if re.search(r"(^|\n)\s*check\(", source or "") and re.search(r"^\s*\w+\s*=[^=]", source or "", flags=re.M):
        return (f"`{name}` has no value yet: the answer line in this cell and the check must use the same name, "
                f"spelt the same way (the check asks for {name}). Correct the spelling, then run the cell again.")
    if re.search(r"(^|\n)\s*check\(", source or "") and name != "check":
        return (f"`{name}` has no value yet: run the answer cell above first (Shift + Enter), and check that "
                f"the name there is spelt exactly {name}; if that cell shows a box, fix what it says. If it is "
                f"your answer, it needs quotes: \"{name}\".")
    if name in SETUP_NAMES:
        return (f"Python does not know `{name}` yet: the cells at the top of the notebook have not run. Run them "
                "first (or Run → Run All Cells), then this cell again.")
    if re.search(rf"\b{re.escape(name)}\s*-\s*\w", source or "") and name.isupper():
        return (f"An id such as {name}-106 is text: put it in quotes, \"{name}-...\", as the question writes it.")
    return f"Python does not know the word `{name}`. " + ANSWER_IN_QUOTES.format(name=name)


def _syntax_error(error, source):
    line = (getattr(error, "text", None) or "").strip()
    if any(sign in (line or source or "") for sign in SIGNS):
        found = sorted({s for s in SIGNS if s in (line or source or "")})
        return ("This line has a sign Python does not read: " + ", ".join(f"{s} (write {SIGNS[s]})" for s in found)
                + ". Type the keyboard's * for times, / for divided by and - for minus.")
    if re.search(r"=\s*\.\.\.\s*[^\s#]", line):
        return "Delete the ... and keep only your answer after the = sign."
    if line.count("'") % 2 and re.search(r"[A-Za-z]'[A-Za-z]", line):
        return ("The ' inside your text ends it early: put the whole text between double quotes instead, "
                "\"US government's share\".")
    if re.search(r"=\s*[A-Za-z][A-Za-z&']*\s*[&\s]\s*[A-Za-z0-9]", line) and '"' not in line and "'" not in line:
        return ("A text goes in quotes: write the words between quote marks, \"like this\", as the comment "
                "after the answer shows.")
    if re.search(r"\d\s*%", line):
        return "Write the number alone, without the % sign: 15, not 15% (the question gives the unit)."
    if re.search(r"\d\s+[A-Za-z]", line) or "invalid decimal literal" in str(error):
        return ("Python could not read a number here. Write a number alone, without a unit (2368, not 2368 TPP); "
                "a text such as an id, a date or a category goes in quotes: \"3A090.b\", \"2026-01-13\".")
    if "leading zeros" in str(error):
        return "A date is text: put it in quotes, \"2026-01-13\"."
    if line.count('"') % 2 or line.count("'") % 2:
        return "A quote mark is missing: a text needs one before and one after, \"like this\"."
    if line.count("(") != line.count(")") or line.count("[") != line.count("]") or "was never closed" in str(error):
        return "A bracket is missing: every ( needs its ), and every [ its ]."
    return ("Python could not read this line as written. Check that quote marks and brackets come in pairs, and "
            "that numbers have no commas (2368, not 2,368).")


def explain(error, source=""):
    """A sentence in words for a failed cell: `error` is the exception, `source` the cell's code."""
    text = str(error)
    if isinstance(error, NameError):
        return _name_error(error, source)
    if isinstance(error, SyntaxError):
        return _syntax_error(error, source)
    if isinstance(error, TypeError) and "'str' and 'str'" in text and "-" in text:
        return ("Both sides of the minus are texts (dates in quotes, or names holding them), and Python cannot "
                "subtract texts: for the days between two dates, use timeline.days_between(first, second).")
    if isinstance(error, TypeError) and (
            (re.search(r"'str'|str\b", text) and re.search(r"operand|concatenate|divide", text))
            or "not supported for the input types" in text):
        return "A number in quotes is text, and Python cannot do arithmetic with it: remove the quotes around the number."
    if isinstance(error, TypeError) and "Feedback" in text:
        return ("The first cells of the exercise were changed: restore the import line as it was "
                "(from chipexport.checks import check, ___), run it, then this cell again.")
    if isinstance(error, ImportError) and "chipexport" in text:
        return ("The import line was changed: write it back as it was, "
                "from chipexport.checks import check, ___ , and run it again.")
    if isinstance(error, KeyError):
        return (f"There is no column or row {text} in this table: check the spelling against the table's column names "
                "(or the row's id).")
    if isinstance(error, ZeroDivisionError):
        return "Something was divided by zero: check that every number in the line has a value (and no comma)."
    if _from_chipexport(error):
        return text  # the course's own messages are already sentences
    return ("Read the cell again for a typing slip; Python's own message is folded below, under What Python "
            "said. If it makes no sense, ask your instructor.")


def _from_chipexport(error):
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    return bool(frames) and "chipexport" in frames[-1].filename


def _detail(etype, value, tb):
    """Python's own message: the traceback without IPython's frames (a syntax error: its line)."""
    if issubclass(etype, SyntaxError):
        return "".join(traceback.format_exception_only(etype, value)).strip()
    frames = [f for f in traceback.extract_tb(tb) if "IPython" not in f.filename]
    return ("Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
            + "".join(traceback.format_exception_only(etype, value))).strip()


def _box(sentence, detail):
    return ('<div style="border:2px solid #D55E00;border-left-width:8px;padding:0.4em 0.8em;margin:0.3em 0;'
            f'border-radius:4px"><strong>This cell could not run.</strong> {html.escape(sentence)}'
            '<details style="margin-top:0.3em"><summary>What Python said</summary><pre style="white-space:pre-wrap">'
            f"{html.escape(detail)}</pre></details></div>")


class _Box:
    def __init__(self, sentence, detail):
        self.sentence, self.detail = sentence, detail

    def _repr_html_(self):
        return _box(self.sentence, self.detail)

    def __repr__(self):
        return f"This cell could not run. {self.sentence}"


def _current_source(shell):
    try:
        return shell.user_ns.get("In", [""])[-1] or ""
    except Exception:
        return ""


def install(shell=None):
    """Explain failed cells in words in this IPython kernel (nothing happens outside IPython)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - not in a notebook
        return False
    shell = shell or get_ipython()
    if shell is None or getattr(shell, "_chipexport_friendly", False):
        return False

    def on_error(self, etype, value, tb, tb_offset=None):
        """IPython calls this for a failed cell and shows nothing else, so it shows both."""
        lines = traceback.format_exception_only(etype, value)
        try:
            display(_Box(explain(value, _current_source(self)), _detail(etype, value, tb)))
            stb = [line.rstrip("\n") for line in lines]  # Python's own message, short, under the box
        except Exception:  # an explanation must never hide the error itself
            stb = self.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        self._showtraceback(etype, value, stb)

    shell.set_custom_exc((Exception,), on_error)
    plain_syntax = shell.showsyntaxerror

    def on_syntax_error(*args, **kwargs):
        import sys
        try:
            etype, value, _ = sys.exc_info()
            if isinstance(value, SyntaxError):
                display(_Box(explain(value, _current_source(shell)),
                             "".join(traceback.format_exception_only(etype, value)).strip()))
        except Exception:  # pragma: no cover - never hide the error itself
            pass
        return plain_syntax(*args, **kwargs)

    shell.showsyntaxerror = on_syntax_error
    shell._chipexport_friendly = True
    return True
