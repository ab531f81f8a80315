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


#: The class that tells MathJax to leave an element alone: JupyterLab typesets the text between
#: two $ signs as mathematics, which garbles "$5.5 billion and $4.5 billion" in HTML.
NO_MATH = "tex2jax_ignore mathjax_ignore"


def no_math(html_text, tag="div"):
    """HTML wrapped in an element MathJax skips, so dollar amounts stay dollar amounts."""
    return f'<{tag} class="{NO_MATH}">{html_text}</{tag}>'


class Table:
    """Rows to read, shown whole. `frame` is the pandas DataFrame behind it."""

    def __init__(self, frame):
        self.frame = frame

    def _cell(self, value):
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
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

    Example: tables.show(events, ["id", "date", "event", "source_publisher"]).
    """
    if columns is not None:
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"The table has no column {', '.join(map(repr, missing))}; "
                             f"its columns are {', '.join(table.columns)}.")
        table = table[list(columns)]
    return Table(table.reset_index(drop=True))


def count(table, column, name="rows"):
    """How many rows of `table` have each value of `column`, most first, as a table to read.

    Example: tables.count(events, "source_tier") gives each source tier and its number of events.
    """
    counts = table[column].value_counts()
    return Table(pd.DataFrame({column: counts.index, name: counts.to_numpy()}))
