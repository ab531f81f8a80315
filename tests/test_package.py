"""The package's shape (design §3): small modules, and no two modules that import each other.

The import graph is read from the source with `ast`, every import counted, also those inside
a function, so a cycle hidden behind a lazy import is still found.
"""

import ast
from pathlib import Path

import pytest

from layers import ROOT

PACKAGE = ROOT / "src" / "chipexport"
MAX_LINES = 400


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name, path):
    """The chipexport modules that module `name` (file `path`) imports."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from . import data` imports a module
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def test_the_graph_reader_sees_relative_imports():
    assert "chipexport.data" in GRAPH["chipexport.rules"]
    assert "chipexport.widgets.figure_widget" in GRAPH["chipexport.widgets.course_guide"]
    assert "chipexport.registry" in GRAPH["chipexport.questions.course_guide"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name):
    lines = len(MODULES[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(ROOT)} has {lines} lines; split it by what it holds"


def test_no_two_modules_import_each_other_even_through_others():
    def cycle_from(start):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in GRAPH[node]:
                if nxt == start:
                    return path + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
        return None

    cycles = [cycle_from(name) for name in GRAPH]
    found = [" -> ".join(c) for c in cycles if c]
    assert not found, "import cycles: " + "; ".join(found)


def test_checks_and_the_questions_meet_only_in_the_registry():
    questions = [m for m in MODULES if m.startswith("chipexport.questions.")]
    assert all("chipexport.checks" not in GRAPH[q] for q in questions)
    assert all("chipexport.registry" in GRAPH[q] for q in questions)
    assert "chipexport.registry" in GRAPH["chipexport.checks"]
    assert GRAPH["chipexport.registry"] == set() and GRAPH["chipexport.graders"] <= {"chipexport.answer_forms"}
    assert GRAPH["chipexport.answer_forms"] == set()


def test_the_models_do_not_draw():
    for model in ("chipexport.rules", "chipexport.chipmap", "chipexport.timeline"):
        assert not any(m.startswith(("chipexport.widgets", "chipexport.plotting")) for m in GRAPH[model]), model
        assert "matplotlib" not in MODULES[model].read_text() and "ipywidgets" not in MODULES[model].read_text()
