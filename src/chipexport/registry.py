"""The question registry: every checkable question of the course, by id.

The question modules of `chipexport.questions` register their questions here, and
`chipexport.checks` looks them up; neither imports the other. Ids are "N.k": notebook N,
question k.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    """One checkable question: its id, what it asks, and the function that grades an answer."""

    id: str
    prompt: str
    grade: object = field(repr=False)  # grade(answer) -> (passed: bool, message: str)

    def expected(self):
        """The reference answer the grader holds (for tests and the grader's sweep)."""
        value = getattr(self.grade, "expected", None)
        return value() if callable(value) else value


_REGISTRY = {}

#: The written questions (answered in a text cell, read by the instructor): they have no check.
WRITTEN = {"1.12", "1.13", "2.12", "2.13", "3.8", "4.9"}

#: The checked questions marked "for students who code": optional; the gradebook counts them apart.
OPTIONAL = {"1.9", "1.11", "2.3", "2.6", "2.8"}


def register(question):
    """Add a question to the registry (used by the modules of chipexport.questions)."""
    if question.id in _REGISTRY:
        raise ValueError(f"Question {question.id} is registered twice.")
    _REGISTRY[question.id] = question
    return question


def get(question_id):
    """The Question registered as `question_id`, or None."""
    return _REGISTRY.get(question_id)


def sort_key(qid):
    """Notebook, then the lesson's practice questions (k = "P1", "P2", ...), then the exercises."""
    notebook, k = qid.split(".")
    return (int(notebook), 0, int(k[1:])) if k.startswith("P") else (int(notebook), 1, int(k))


def ids():
    """The ids of the registered questions, in order ("0.1", ..., "1.P1", "1.P2", ..., "1.1", ...).

    N.k is question k of notebook N's exercises; N.Pk is practice question k inside lesson N.
    """
    return sorted(_REGISTRY, key=sort_key)
