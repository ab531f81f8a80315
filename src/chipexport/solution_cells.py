"""Solution cells, one at a time: where the answers are, what an exercise shows instead, and
the rules that keep a fresh exercise notebook running clean (see `chipexport.exercises`).

- A region between `### BEGIN SOLUTION` and `### END SOLUTION` becomes `name = ...  # hint`,
  or `return ...  # hint` inside a function body.
- A line ending in ``### BLANK `expression` (hint: ...)`` keeps the line and puts `___` in
  place of that expression.
- After a region, only check() cells may use its answer, and no cell a helper name it
  assigns; after a blank, its name is used only in arithmetic, then only by check() cells.
"""

import ast
import re
import textwrap

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION(?:[ \t]*\(hint:[ \t]*(?P<hint>.*?)\))?[ \t]*$")
END = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
INLINE = re.compile(r"^(?P<code>.*?)[ \t]*### BLANK `(?P<expr>[^`]+)`(?:[ \t]*\(hint:[ \t]*(?P<hint>.*?)\))?[ \t]*$")
BLANK = "___"
PASSES_A_BLANK = (ast.BinOp, ast.UnaryOp, ast.Compare)  # operations that give ___ again


class BuildError(ValueError):
    """A solution notebook that cannot become a clean exercise notebook."""


# ----------------------------------------------------------------------------- regions

def _regions(lines, where):
    """[(begin index, end index, indent, hint)] of the solution regions in a cell's lines."""
    found, begin = [], None
    for i, line in enumerate(lines):
        m = BEGIN.match(line)
        if m:
            if begin is not None:
                raise BuildError(f"{where}: a BEGIN SOLUTION line inside another region (line {i + 1}).")
            begin = (i, m["indent"], (m["hint"] or "").strip())
        elif END.match(line):
            if begin is None:
                raise BuildError(f"{where}: an END SOLUTION line without a BEGIN (line {i + 1}).")
            found.append((begin[0], i, begin[1], begin[2]))
            begin = None
    if begin is not None:
        raise BuildError(f"{where}: BEGIN SOLUTION at line {begin[0] + 1} has no END SOLUTION.")
    return found


def _in_function(tree, line_number):
    """Whether line `line_number` (1-based) lies inside a function body of `tree`."""
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
               and node.lineno < line_number <= node.end_lineno
               for node in ast.walk(tree))


def _parse_region(region_lines, where):
    """The statements of a region (dedented), or a BuildError."""
    indent = min((len(l) - len(l.lstrip()) for l in region_lines if l.strip()), default=0)
    try:
        return ast.parse("\n".join(l[indent:] for l in region_lines)).body
    except SyntaxError as error:
        raise BuildError(f"{where}: the solution region is not valid Python ({error.msg}):\n"
                         + "\n".join(region_lines)) from None


def _stores(body):
    """Every name a region assigns (its answer and any helper names)."""
    return {n.id for node in body for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _target(body, text, where):
    """The name assigned last in a region, from its statements `body` (`text`: its source)."""
    for node in reversed(body):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            return node.targets[0].id
        if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            return node.target.id
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            raise BuildError(f"{where}: the region's last assignment must give one plain name "
                             f"(like `answer = ...`):\n{text}")
    raise BuildError(f"{where}: a solution region must assign its answer to a name "
                     f"(like `answer = ...`), or sit inside a function body:\n{text}")


def _stub(indent, statement, hint):
    return f"{indent}{statement}  # {hint}" if hint else f"{indent}{statement}"


def exercise_source(source, where):
    """(exercise source, [(name, helpers, end line)] of regions, [(name, line)] of blanks)."""
    lines = source.split("\n")
    regions = _regions(lines, where)
    out, names, blanks, last = [], [], [], 0
    tree = None
    for begin, end, indent, hint in regions:
        out += _with_blanks(lines, last, begin, where, blanks)
        if tree is None:
            tree = _parse_cell(source, where)
        if indent and _in_function(tree, begin + 1):
            out.append(_stub(indent, "return ...", hint))
        else:
            body = _parse_region(lines[begin + 1:end], where)
            name = _target(body, "\n".join(lines[begin + 1:end]), where)
            names.append((name, _stores(body) - {name}, end))
            out.append(_stub(indent, f"{name} = ...", hint))
        last = end + 1
    out += _with_blanks(lines, last, len(lines), where, blanks)
    return "\n".join(out), names, blanks


def _parse_cell(source, where):
    try:
        return ast.parse(source)
    except SyntaxError as error:
        raise BuildError(f"{where}: the cell is not valid Python ({error.msg}).") from None


# ----------------------------------------------------------------------------- a blank inside a line

def _with_blanks(lines, start, stop, where, blanks):
    """Lines start..stop of a cell, each marked line with its blank put in; records (name, index)."""
    out = []
    for i in range(start, stop):
        if INLINE.match(lines[i]):
            line, name = _inline_blank(lines[i], where)
            blanks.append((name, i))
            out.append(line)
        else:
            out.append(lines[i])
    return out


def _parents(tree):
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _passes_blank(node, root, parents):
    """Whether every node from `node`'s parent up to `root` gives ___ back when given ___."""
    while node is not root:
        node = parents[node]
        if not isinstance(node, PASSES_A_BLANK):
            return False
    return True


def _inline_blank(line, where):
    """(exercise line, assigned name) for a line ending in ### BLANK `expression`."""
    m = INLINE.match(line)
    code, expr, hint = m["code"], m["expr"].strip(), (m["hint"] or "").strip()
    indent, stripped = code[:len(code) - len(code.lstrip())], code.strip()
    try:
        body = ast.parse(stripped).body
    except SyntaxError as error:
        raise BuildError(f"{where}: the line with a BLANK is not valid Python ({error.msg}):\n{line}") from None
    stmt = body[0] if len(body) == 1 else None
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        raise BuildError(f"{where}: a line with a BLANK assigns one name, like `share = 100 * china / total`:\n{line}")
    hits = sorted((n for n in ast.walk(stmt.value) if isinstance(n, ast.expr)
                   and ast.get_source_segment(stripped, n) == expr), key=lambda n: n.col_offset)
    if not hits:
        raise BuildError(f"{where}: `{expr}` is not one expression of the line:\n{line}")
    node = hits[0]
    if node is stmt.value:
        raise BuildError(f"{where}: the BLANK is the whole right side; use a BEGIN SOLUTION region, which "
                         f"gives `{stmt.targets[0].id} = ...`:\n{line}")
    if not _passes_blank(node, stmt.value, _parents(stmt)):
        raise BuildError(f"{where}: `{expr}` sits inside a function call, an index or an attribute, which ___ "
                         "cannot pass through, so the exercise would fail before it is filled in. Blank a "
                         f"piece of arithmetic or a comparison instead:\n{line}")
    blanked = stripped[:node.col_offset] + BLANK + stripped[node.end_col_offset:]
    return _stub(indent, blanked, hint), stmt.targets[0].id


def check_blank_uses(cells, cell_index, line_index, name, label):
    """After a blank, the names holding ___ may be used only in arithmetic later in the cell, and
    only by check() cells after it (anything else would fail on a fresh exercise)."""
    rest = _outside_regions("\n".join(cells[cell_index].source.split("\n")[line_index + 1:]))
    holding = {name}
    for stmt in _parse_cell(textwrap.dedent(rest), f"{label}, cell {cell_index + 1}").body:
        used = holding & {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if not used:
            continue
        parents = _parents(stmt)
        ok = (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
              and all(_passes_blank(n, stmt.value, parents) for n in ast.walk(stmt.value)
                      if isinstance(n, ast.Name) and n.id in holding))
        if not ok:
            raise BuildError(f"{label}, cell {cell_index + 1}: `{sorted(used)[0]}` holds the blank ___ until the "
                             "student fills it in; later in the cell use it only in arithmetic assigned to a "
                             "name, like `percent = 100 * share`.")
        holding.add(stmt.targets[0].id)
    for j in range(cell_index + 1, len(cells)):
        cell = cells[j]
        if cell.cell_type == "code" and "instructor" not in cell.get("metadata", {}).get("tags", []) \
                and holding & _loads(cell.source) and not is_check_cell(cell.source):
            raise BuildError(f"{label}, cell {j + 1} uses `{sorted(holding & _loads(cell.source))[0]}`, which holds "
                             f"the blank of cell {cell_index + 1}; only check() cells may use it.")


# ----------------------------------------------------------------------------- later use of answers

def _loads(source):
    """Names read (loaded) by a piece of Python source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _outside_regions(source):
    """The lines of a cell that an exercise keeps as they are (solution regions dropped)."""
    kept, inside = [], False
    for line in source.split("\n"):
        if BEGIN.match(line):
            inside = True
        elif END.match(line):
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def is_check_cell(source):
    """Whether every statement of a code cell is a call of check(...)."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    def is_check(node):
        return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and ((isinstance(node.value.func, ast.Name) and node.value.func.id == "check")
                     or (isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "check")))
    return bool(body) and all(is_check(n) for n in body)


def check_later_use(cells, name, helpers, cell_index, end_line, label):
    """Fail when, after a region, a cell other than a check cell reads the region's answer, or
    any cell reads a helper name the region assigned (the exercise has neither)."""
    same_cell_rest = "\n".join(cells[cell_index].source.split("\n")[end_line + 1:])
    if name in _loads(same_cell_rest):
        raise BuildError(f"{label}, cell {cell_index + 1}: `{name}` is used after its solution region in the "
                         "same cell. Move that use into a check() cell, or give it another name.")
    for j in range(cell_index, len(cells)):
        source = _outside_regions(same_cell_rest if j == cell_index else cells[j].source)
        if cells[j].cell_type != "code" or "instructor" in cells[j].get("metadata", {}).get("tags", []):
            continue
        used = sorted(helpers & _loads(source))
        if used:
            raise BuildError(f"{label}, cell {j + 1} uses `{used[0]}`, a name the solution region in cell "
                             f"{cell_index + 1} assigns; the exercise does not have it. Assign it before the "
                             "region, or compute it again.")
    for j in range(cell_index + 1, len(cells)):
        cell = cells[j]
        if "instructor" in cell.get("metadata", {}).get("tags", []):
            continue  # removed from the exercise
        if cell.cell_type == "code" and name in _loads(cell.source) and not is_check_cell(cell.source):
            raise BuildError(f"{label}, cell {j + 1} uses `{name}`, the answer of the solution region in "
                             f"cell {cell_index + 1}. After a region only check() cells may use its name "
                             "(the exercise has `...` there): compute again under another name, or move the use "
                             "into a check() cell.")




def solved_source(source):
    """A solution cell as a student who solved it would have it: the marker lines taken out, an
    inline blank's marker dropped from its line (for test fixtures of solved exercises)."""
    lines = []
    for line in source.split("\n"):
        if BEGIN.match(line) or END.match(line):
            continue
        inline = INLINE.match(line)
        lines.append(inline.group("code") if inline else line)
    return "\n".join(lines)
