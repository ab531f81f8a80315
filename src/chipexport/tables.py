"""Tables for reading: every cell shown whole, as a notebook output.

pandas cuts long text to about 50 characters ("China's foreign ministry (spokesman Lin Jian) …")
and wraps ids and dates in the middle. `show(table, columns)` gives the rows with every text
whole and wrapped at spaces, ids and dates on one line, and no index column, so a student can
read the rows in order. It is the same in a printed handout: the plain-text form has every
column in full too.
"""

import html

import pandas as pd

NO_WRAP = 14  # a value this short (an id, a date, a tier) stays on one line

#: How a table shows a row's source tier: the words of the course's citation markers
#: (the files keep the values as_fact, as_reported, not_as_fact).
TIER_SHOWN = {"as_fact": "fact", "as_reported": "reported", "not_as_fact": "example only"}


def _tiers_in_words(frame):
    if "source_tier" in frame.columns:
        frame = frame.assign(source_tier=frame["source_tier"].map(lambda t: TIER_SHOWN.get(t, t)))
    return frame


#: The class that tells MathJax to leave an element alone: JupyterLab typesets the text between
#: two $ signs as mathematics, which garbles "$5.5 billion and $4.5 billion" in HTML.
NO_MATH = "tex2jax_ignore mathjax_ignore"


def no_math(html_text, tag="div"):
    """HTML wrapped in an element MathJax skips, so dollar amounts stay dollar amounts."""
    return f'<{tag} class="{NO_MATH}">{html_text}</{tag}>'


def _text(value):
    """A cell as text: nothing for a missing value, 4800 rather than 4800.0 for a whole number."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value)


class Table:
    """Rows to read, shown whole. `frame` is the pandas DataFrame behind it."""

    def __init__(self, frame):
        self.frame = frame

    def _cell(self, value):
        text = _text(value)
        wrap = "nowrap" if len(text) <= NO_WRAP else "normal"
        return f'<td style="text-align:left;vertical-align:top;white-space:{wrap}">{html.escape(text)}</td>'

    def _repr_html_(self):
        head = "".join(f'<th style="text-align:left">{html.escape(str(c))}</th>' for c in self.frame.columns)
        body = "".join("<tr>" + "".join(self._cell(v) for v in row) + "</tr>"
                       for row in self.frame.itertuples(index=False))
        return no_math(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def __repr__(self):
        with pd.option_context("display.max_colwidth", None, "display.width", 10_000):
            return self.frame.to_string(index=False)

    def __len__(self):
        return len(self.frame)


def show(table, columns=None):
    """The rows of `table` (a DataFrame) with `columns` (default: all), every cell whole.

    Example: tables.show(events, ["id", "date", "event", "source_publisher"]). A source tier
    is shown in the words of the citation markers: fact, reported, example only.
    """
    if columns is not None:
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"The table has no column {', '.join(map(repr, missing))}; "
                             f"its columns are {', '.join(table.columns)}.")
        table = table[list(columns)]
    return Table(_tiers_in_words(table.reset_index(drop=True)))


def count(table, column, name="rows"):
    """How many rows of `table` have each value of `column`, most first, as a table to read.

    Example: tables.count(events, "source_tier") gives each source tier and its number of events.
    """
    counts = _tiers_in_words(table[[column]])[column].value_counts()
    return Table(pd.DataFrame({column: counts.index, name: counts.to_numpy()}))
