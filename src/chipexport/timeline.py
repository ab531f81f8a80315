"""The timeline of the case as a small model: dates, filters, intervals.

Dates in `timeline.csv` have different precisions: a day ("2025-04-09"), a month
("2025-07") or a year. `event_date` places a month or a year on its first day, and
`precision` says which it was, so a figure can show it and an interval can refuse it.
"""

import pandas as pd

from . import data

CONFIDENCE_LEVELS = ["high", "medium", "low"]
TIERS = ["as_fact", "as_reported", "not_as_fact"]


def precision(date_text):
    """'day', 'month' or 'year' for a date written YYYY-MM-DD, YYYY-MM or YYYY."""
    parts = str(date_text).split("-")
    if len(parts) not in (1, 2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"A timeline date is written year-month-day, in quotes, like \"2025-04-09\" (or \"2025-07\", "
                         f"or \"2025\"); got {date_text!r}.")
    return ("year", "month", "day")[len(parts) - 1]


def event_date(date_text):
    """The date as a pandas Timestamp; a month or a year becomes its first day."""
    kind = precision(date_text)
    padded = {"year": f"{date_text}-01-01", "month": f"{date_text}-01", "day": str(date_text)}[kind]
    try:
        return pd.Timestamp(padded)
    except ValueError:
        raise ValueError(f"{date_text!r} is not a real date.") from None


def days_between(start, end):
    """Whole days from `start` to `end` (both YYYY-MM-DD); negative if `end` comes first.

    A month-only or year-only date has no day, so it cannot give a number of days.
    """
    for d in (start, end):
        if precision(d) != "day":
            raise ValueError(f"{d!r} gives only a {precision(d)}; days between dates need YYYY-MM-DD.")
    return (event_date(end) - event_date(start)).days


def load():
    """timeline.csv with a `when` column (Timestamp) and a `precision` column, sorted by date."""
    df = data.load("timeline")
    df["when"] = df["date"].map(event_date)
    df["precision"] = df["date"].map(precision)
    return df.sort_values(["when", "id"], kind="stable").reset_index(drop=True)


def select(df, actors=None, categories=None, start=None, end=None, confidence=None, tiers=None):
    """The events of `df` (from `load()`) that pass every filter given; None means no filter.

    actors, categories, confidence, tiers: collections of allowed values.
    start, end: dates (text or Timestamp), inclusive; an event counts by its `when`.
    """
    keep = pd.Series(True, index=df.index)
    for column, allowed in (("actor", actors), ("category", categories), ("confidence", confidence),
                            ("source_tier", tiers)):
        if allowed is not None:
            keep &= df[column].isin(list(allowed))
    if start is not None:
        keep &= df["when"] >= (event_date(start) if isinstance(start, str) else pd.Timestamp(start))
    if end is not None:
        keep &= df["when"] <= (event_date(end) if isinstance(end, str) else pd.Timestamp(end))
    return df[keep]


def month_span(start, end):
    """(first day of month `start`, last day of month `end`) as Timestamps; months as 'YYYY-MM'.

    An event dated in that span, by its `when`, falls inside the months start to end.
    """
    return event_date(start), event_date(end) + pd.offsets.MonthEnd(0)


def months(df):
    """The first day of every month from the first to the last event (for a date slider)."""
    return list(pd.date_range(df["when"].min().to_period("M").to_timestamp(),
                              df["when"].max().to_period("M").to_timestamp(), freq="MS"))
