"""The questions of the course, one module per notebook; importing this registers them all."""

from . import course_guide  # noqa: F401  questions 0.k
