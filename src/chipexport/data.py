"""The case datasets: find them, load them, check them, cite them.

Every table is a CSV file described in `datapackage.json` (a Frictionless Data Package).
`load(name)` checks the file against that description each time it is read, so a broken
file fails loudly, naming the file, the row id and the column.

Where the data is found, first match wins:

1. the folder named by the environment variable ``CHIPEXPORT_DATA``;
2. a ``datasets/`` folder holding ``datapackage.json`` in the working folder or one of
   its parents (a clone of the course repository);
3. the copy built into the installed package.
"""

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_ENV = "CHIPEXPORT_DATA"
DESCRIPTOR = "datapackage.json"
MAX_ERRORS_SHOWN = 20


class DataError(ValueError):
    """A dataset is missing, unknown, or does not match its schema."""


# ----------------------------------------------------------------------------- finding the data

def data_dir():
    """The folder holding datapackage.json and the CSV files (see the module docstring)."""
    env = os.environ.get(DATA_ENV)
    if env:
        folder = Path(env).expanduser()
        if not (folder / DESCRIPTOR).is_file():
            raise DataError(f"{DATA_ENV} is set to '{env}', but that folder has no {DESCRIPTOR}.")
        return folder
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents):
        if (folder / "datasets" / DESCRIPTOR).is_file():
            return folder / "datasets"
    built_in = Path(__file__).parent / "datasets"
    if (built_in / DESCRIPTOR).is_file():
        return built_in
    checkout = Path(__file__).resolve().parents[2] / "datasets"  # an editable install
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise DataError("No datasets found: set CHIPEXPORT_DATA to a folder holding datapackage.json, "
                    "or work inside a copy of the course repository.")


def _descriptor(folder):
    return _read_descriptor(str(folder / DESCRIPTOR), _stamp(folder / DESCRIPTOR))


@lru_cache(maxsize=8)
def _read_descriptor(path, stamp):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _stamp(path):
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def names():
    """Names of the datasets, in the order of datapackage.json (e.g. 'timeline', 'chips')."""
    return [r["name"] for r in _descriptor(data_dir())["resources"]]


def _resource(folder, name):
    if not isinstance(name, str):
        raise DataError(f"A dataset name is a string such as 'chips'; got {name!r}.")
    for r in _descriptor(folder)["resources"]:
        if r["name"] == name:
            return r
    known = ", ".join(r["name"] for r in _descriptor(folder)["resources"])
    raise DataError(f"There is no dataset called '{name}'. The datasets are: {known}.")


# ----------------------------------------------------------------------------- loading

def load(name):
    """The dataset `name` as a DataFrame, checked against datapackage.json.

    Numbers become floats (an empty cell is NaN), integers and booleans become pandas'
    nullable types, text stays text (an empty cell is ""). Each call returns a fresh copy,
    so changing it never changes what the next call returns.
    """
    folder = data_dir()
    resource = _resource(folder, name)
    path = folder / resource["path"]
    if not path.is_file():
        raise DataError(f"{_label(folder, resource)} is declared in {DESCRIPTOR} but the file is missing.")
    return _load_checked(str(folder), name, _stamp(path), _stamp(folder / DESCRIPTOR)).copy()


@lru_cache(maxsize=32)
def _load_checked(folder, name, stamp, descriptor_stamp):
    folder = Path(folder)
    resource = _resource(folder, name)
    raw = pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    errors = check(raw, resource["schema"])
    if errors:
        shown = "\n".join(f"  - {e}" for e in errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise DataError(f"{_label(folder, resource)} does not match its schema in {DESCRIPTOR} "
                        f"({len(errors)} problem{'s' if len(errors) > 1 else ''}):\n{shown}{tail}")
    return _typed(raw, resource["schema"])


def _label(folder, resource):
    return f"{folder.name}/{resource['path']}"


def _typed(raw, schema):
    df = raw.copy()
    for field in schema["fields"]:
        col, kind = field["name"], field["type"]
        if kind == "number":
            df[col] = pd.to_numeric(df[col].replace("", None)).astype(float)
        elif kind == "integer":
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
        elif kind == "boolean":
            df[col] = df[col].map({"true": True, "false": False, "": pd.NA}).astype("boolean")
    return df


# ----------------------------------------------------------------------------- checking

def check(raw, schema):
    """Problems of the table `raw` (all cells as text) against a Table Schema, as sentences.

    Each sentence names the row (by its id and line in the file) and the column.
    An empty list means the table matches.
    """
    fields = schema["fields"]
    declared = [f["name"] for f in fields]
    errors = [f"column '{c}' is declared in {DESCRIPTOR} but missing from the file"
              for c in declared if c not in raw.columns]
    errors += [f"column '{c}' is in the file but not declared in {DESCRIPTOR}"
               for c in raw.columns if c not in declared]
    if errors:
        return errors
    ids = raw["id"] if "id" in raw.columns else pd.Series([""] * len(raw))
    for i, (index, row) in enumerate(raw.iterrows()):
        where = _row_label(ids.iloc[i], i)
        for field in fields:
            problem = _cell_problem(row[field["name"]], field)
            if problem:
                errors.append(f"{where}, column '{field['name']}': {problem}")
    for field in fields:
        if field.get("constraints", {}).get("unique"):
            counts = raw[field["name"]].value_counts()
            for value, n in counts[counts > 1].items():
                errors.append(f"row {value}, column '{field['name']}': the value '{value}' appears "
                              f"{n} times, but each row needs its own")
    return errors


def _row_label(row_id, i):
    line = i + 2  # the header is line 1
    return f"row {row_id} (line {line})" if row_id else f"row at line {line} (no id)"


def _cell_problem(value, field):
    """A sentence describing what is wrong with one cell, or None."""
    c = field.get("constraints", {})
    if value == "":
        return "a value is required but the cell is empty" if c.get("required") else None
    kind = field["type"]
    if kind in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return f"expected a number, found '{value}'"
        if not math.isfinite(number):
            return f"expected a finite number, found '{value}'"
        if kind == "integer" and not number.is_integer():
            return f"expected a whole number, found '{value}'"
        if "minimum" in c and number < c["minimum"]:
            return f"expected at least {c['minimum']}, found {value}"
    elif kind == "boolean" and value not in ("true", "false"):
        return f"expected 'true' or 'false', found '{value}'"
    if "enum" in c and value not in c["enum"]:
        allowed = ", ".join(v for v in c["enum"] if v)
        return f"expected one of {allowed}; found '{value}'"
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        return f"'{value}' does not have the expected form (pattern {c['pattern']})"
    return None


# ----------------------------------------------------------------------------- citing

TIER_WORDS = {
    "as_fact": "may be taught as fact",
    "as_reported": "teach as reported by the publisher",
    "not_as_fact": "not a fact: an example for source criticism only",
}


@dataclass(frozen=True)
class Source:
    """Where one row of a dataset comes from."""

    dataset: str
    id: str
    url: str
    title: str
    publisher: str
    date: str
    via: str
    tier: str
    confidence: str

    def __str__(self):
        via = f" ({self.via})" if self.via else ""
        return (f"{self.id}: {self.title}. {self.publisher}, {self.date}{via}. {self.url} "
                f"[confidence: {self.confidence}; {TIER_WORDS[self.tier]}]")

    @property
    def marker(self):
        """The compact citation the course's text puts after a sourced sentence, e.g. "[TL-028 · reported: CNN]".

        "fact" for a row taught as fact; "reported:" and the outlet for one taught as reported;
        "example only" for a page shown only as an example for source criticism.
        """
        copy = re.search(r"\((\w[^()]*?) copy\)$", self.publisher)  # "PR Chief (CNBC copy)": CNBC's story
        outlet = copy.group(1) if copy and copy.group(1) != "syndicated" else self.publisher.split(" (")[0]
        return {"as_fact": f"[{self.id} · fact]", "as_reported": f"[{self.id} · reported: {outlet}]",
                "not_as_fact": f"[{self.id} · example only]"}[self.tier]

    def _repr_markdown_(self):
        via = f" ({self.via})" if self.via else ""
        return (f"**{self.id}**: [{self.title}]({self.url}), {self.publisher}, {self.date}{via}. "
                f"Confidence: {self.confidence}; {TIER_WORDS[self.tier]}.")


def row(name, row_id):
    """One row of dataset `name`, by its id, as a Series: row("chips", "CH-H20")["tpp"].

    An id or a dataset that does not exist gets a sentence naming what does.
    """
    df = load(name)
    hit = df[df["id"] == row_id] if isinstance(row_id, str) else df.iloc[0:0]
    if hit.empty:
        examples = ", ".join(df["id"].head(3))
        raise DataError(f"There is no row {row_id!r} in {name}; its ids look like {examples}. "
                        "Check the spelling, with the prefix and the dash.")
    return hit.iloc[0]


def value(name, row_id, column):
    """One cell of dataset `name`: value("market", "MK-067", "value_low") is 5.5 (USD billion).

    The unit of a number is in the row's `unit` column (or in the data dictionary,
    datasets/README.md). An unknown id or column gets a sentence naming what exists.
    """
    found = row(name, row_id)
    if column not in found.index:
        raise DataError(f"{name} has no column {column!r}; its columns are {', '.join(found.index)}.")
    return found[column]


def source(name, row_id):
    """The source of row `row_id` of dataset `name`, e.g. source('timeline', 'TL-011')."""
    r = row(name, row_id)
    return Source(dataset=name, id=row_id, url=r["source_url"], title=r["source_title"],
                  publisher=r["source_publisher"], date=r["source_date"], via=r["via"],
                  tier=r["source_tier"], confidence=r["confidence"])
