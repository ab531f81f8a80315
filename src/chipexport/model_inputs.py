"""Checking what a student passes to a model function (notebooks 03 and 04).

A model function calls `number` on each argument, so a wrong input ends with one sentence that
says what was expected and what came in, never with a long traceback from deep in numpy.
"""

import math

import numpy as np


def number(name, value, low=0.0, high=math.inf):
    """`value` as a float in [low, high], or a ValueError that says what was expected.

    A Python number or a numpy number passes (a slider gives the one, an array the other);
    True and False do not, nor does text such as "15", so a wrong type is said, not guessed.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} should be a number; got {value!r}.")
    if math.isnan(value) or not low <= value <= high:
        bound = f"between {low:g} and {high:g}" if high < math.inf else f"{low:g} or more"
        raise ValueError(f"{name} should be {bound}; got {value!r}.")
    return float(value)
