"""Submitted notebooks as an LMS download gives them: who handed in what, and which counts.

`collect(folder)` finds every `.ipynb` under a folder, inside sub-folders and inside `.zip`
files (also a zip inside a zip), skipping `__MACOSX/`, `.ipynb_checkpoints/` and hidden files.
It reads each file's bytes and never changes anything in the folder.

Who is the student: the first rule that matches the file's path, in this order.

1. Moodle: a folder named `<Full Name>_<number>_assignsubmission_file_` -> `Full Name`.
2. Blackboard: a file named `<assignment>_<user>_attempt_<YYYY-MM-DD-HH-MM-SS>[_<file>].ipynb`
   -> `user`; a later attempt time is newer.
3. Canvas: a file named `<name>_[late_]<user id>_<file id>_<file>.ipynb`, `name` being letters
   only, as Canvas writes it (`smithjane`) -> `name`; a higher file id is newer (Canvas numbers
   later uploads higher), then a resubmission suffix `-2`.
4. A folder per student: the folder holding the file (below the submissions folder or the
   zip) -> that folder's name.
5. Otherwise, the file name without the exercise's own name (or its session's, as in
   `01_the_reversal`) and the separators around it:
   `jane_doe-01_the_reversal_exercises.ipynb` -> `jane_doe`. A file named only after the
   exercise (`01_the_reversal_exercises (2).ipynb`) has no student in its name: the file name
   itself stands for the student.

When one student handed in several notebooks of one exercise, the newest counts: by rules 2
and 3 the time or file id; otherwise a trailing version number (`(2)`, `-2`, `_v2`, ` 2`),
then the file's path in alphabetical order. The others are listed, not graded.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MOODLE = re.compile(r"^(?P<student>.+?)_\d+_assignsubmission_file_?$")
BLACKBOARD = re.compile(r"^.+?_(?P<student>[^_]+)_attempt_(?P<time>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_.*)?$")
CANVAS = re.compile(r"^(?P<student>[A-Za-z]+)_(?:late_)?(?P<user>\d+)_(?P<file>\d+)_(?P<rest>.+?)(?:-(?P<again>\d+))?$",
                    re.IGNORECASE)
VERSION = re.compile(r"(?:\s*\((\d+)\)|[-_ ]v?(\d+))$", re.IGNORECASE)
SKIPPED_PARTS = ("__MACOSX", ".ipynb_checkpoints")


@dataclass(frozen=True)
class Submission:
    """One submitted notebook: where it was found, its bytes, and who handed it in."""

    file: str            # its path below the submissions folder; inside a zip: "class.zip/alice/x.ipynb"
    content: bytes = field(repr=False)
    student: str = ""
    newer: tuple = ()    # sorts later for a newer submission of the same student


# ----------------------------------------------------------------------------- finding the files

def _skipped(parts):
    return any(p in SKIPPED_PARTS or p.startswith(".") for p in parts)


def _from_zip(data, prefix, depth=0):
    """(path, bytes) of every notebook in a zip file's bytes; a zip inside it is opened too."""
    found = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [(prefix, None)]
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        parts = PurePosixPath(info.filename).parts
        if info.is_dir() or _skipped(parts):
            continue
        inner = f"{prefix}/{info.filename}"
        if info.filename.lower().endswith(".ipynb"):
            found.append((inner, archive.read(info)))
        elif info.filename.lower().endswith(".zip") and depth < 2:
            found.extend(_from_zip(archive.read(info), inner, depth + 1))
    return found


def find(folder):
    """[(path below `folder`, bytes)] of every notebook in `folder`, its sub-folders and zips,
    in path order. A zip that cannot be opened gives (its path, None). `folder` may also be a
    zip file itself (an LMS download as it came)."""
    folder = Path(folder)
    if folder.is_file() and folder.suffix.lower() == ".zip":
        return _from_zip(folder.read_bytes(), folder.name)
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if _skipped(rel.parts) or not path.is_file():
            continue
        if path.suffix.lower() == ".ipynb":
            found.append((rel.as_posix(), path.read_bytes()))
        elif path.suffix.lower() == ".zip":
            found.extend(_from_zip(path.read_bytes(), rel.as_posix()))
    return found


def _others_in_zip(data, prefix, depth=0):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return []
    found = []
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        parts = PurePosixPath(info.filename).parts
        if info.is_dir() or _skipped(parts) or info.filename.lower().endswith(".ipynb"):
            continue
        inner = f"{prefix}/{info.filename}"
        if info.filename.lower().endswith(".zip"):
            found.extend(_others_in_zip(archive.read(info), inner, depth + 1) if depth < 2 else [])
        else:
            found.append(inner)
    return found


def others(folder):
    """The paths of the files handed in that are not notebooks (a PDF, a .docx, x.ipynb.txt),
    in `folder`, its sub-folders and its zips, so the gradebook can list them."""
    folder = Path(folder)
    if folder.is_file():
        return _others_in_zip(folder.read_bytes(), folder.name) if folder.suffix.lower() == ".zip" else []
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if _skipped(rel.parts) or not path.is_file() or path.suffix.lower() == ".ipynb":
            continue
        if path.suffix.lower() == ".zip":
            found.extend(_others_in_zip(path.read_bytes(), rel.as_posix()))
        else:
            found.append(rel.as_posix())
    return found


# ----------------------------------------------------------------------------- who handed it in

def _version(stem):
    match = VERSION.search(stem)
    return int(match.group(1) or match.group(2)) if match else 0


def _strip_exercise(stem, exercise_names):
    """The student's part of a file name: what stands before the exercise's name, else after it
    (without a version number such as "(2)"); None when the name has no exercise name in it."""
    bases = set()
    for name in exercise_names:
        base = name[: -len(".ipynb")] if name.endswith(".ipynb") else name
        bases |= {base, base[: -len("_exercises")] if base.endswith("_exercises") else base}
    for base in sorted(bases, key=len, reverse=True):
        at = stem.lower().find(base.lower())
        if base and at >= 0:
            before = stem[:at].strip(" _-.")
            after = VERSION.sub("", stem[at + len(base):]).strip(" _-.()")
            return before or after
    return None


def student_of(path, exercise_names=()):
    """(student, newer) for a submission's path (as `find` gives it), by the rules above.

    exercise_names: the file names of the course's exercise notebooks, for rule 5.
    """
    parts = PurePosixPath(path).parts
    stem = PurePosixPath(path).stem
    inside = [p for p in parts[:-1] if not p.lower().endswith(".zip")]  # folders, zips left out
    for part in inside:
        match = MOODLE.match(part)
        if match:
            return match.group("student").strip(), (0, _version(stem), path)
    match = BLACKBOARD.match(stem)
    if match:
        return match.group("student"), (1, match.group("time"), path)
    match = CANVAS.match(stem)
    if match:
        return match.group("student").lower(), (2, int(match.group("file")), int(match.group("again") or 0), path)
    last_container = parts[-2] if len(parts) > 1 else ""
    if inside and last_container == inside[-1]:
        return inside[-1], (3, _version(stem), path)
    rest = _strip_exercise(stem, exercise_names)
    if rest:
        return rest, (4, _version(stem), path)
    name = PurePosixPath(path).name
    return name, (4, _version(stem), path)


def collect(folder, exercise_names=()):
    """Every notebook of `folder` as a Submission (bytes None: a zip that could not be opened)."""
    return [Submission(path, data, *student_of(path, exercise_names)) for path, data in find(folder)]


def newest(submissions, exercise_of):
    """(counted, superseded): per student and exercise the newest submission, and the others
    as (submission, the one that counts instead).

    exercise_of: a function giving a submission's exercise name (or None when it has none).
    """
    groups = {}
    for sub in submissions:
        groups.setdefault((sub.student, exercise_of(sub)), []).append(sub)
    counted, superseded = [], []
    for (student, exercise), subs in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        if exercise is None:  # not an exercise: each is reported on its own
            counted.extend(subs)
            continue
        subs = sorted(subs, key=lambda s: s.newer)
        counted.append(subs[-1])
        superseded.extend((old, subs[-1]) for old in subs[:-1])
    return sorted(counted, key=lambda s: s.file), sorted(superseded, key=lambda p: p[0].file)
