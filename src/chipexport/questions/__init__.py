"""The questions of the course, one module per notebook; importing this registers them all."""

from . import course_guide  # noqa: F401  questions 0.k
from . import the_reversal  # noqa: F401  questions 1.k
from . import what_makes_a_chip_controlled  # noqa: F401  questions 2.k
from . import the_money  # noqa: F401  questions 3.k
from . import compute_and_security  # noqa: F401  questions 4.k
