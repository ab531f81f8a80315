"""The grid of a slider, as the explorers' questions read it: the first setting that does something.

A slider is described by a dict of its `min`, `max` and `step` (revenue.UNITS, compute.IMPORTS);
the questions of notebooks 03 and 04 ask for the first slider value at which a result changes.
"""

import math


def first_step(control, start, reaches):
    """The first value of a slider (dict of min, max, step) from `start` up at which `reaches(value)`
    is true, or None when no value up to `max` reaches it."""
    k = math.ceil((start - control["min"]) / control["step"])
    for value in (control["min"] + i * control["step"] for i in range(k, 10 ** 6)):
        if value > control["max"]:
            return None
        if reaches(value):
            return value
    return None
