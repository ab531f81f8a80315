"""The environment students get is the one the tests ran in (design §5)."""

import re
import tomllib

from packaging.requirements import Requirement

from layers import ROOT


def lock_lines(name):
    return [line.strip() for line in (ROOT / name).read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def environment_pip_list():
    text = (ROOT / "environment.yml").read_text()
    pip_block = text.split("  - pip:\n", 1)[1]
    return [line.strip()[2:] for line in pip_block.splitlines() if line.strip().startswith("- ")]


def test_environment_yml_installs_exactly_the_runtime_lock():
    assert environment_pip_list() == lock_lines("requirements.lock")


def test_environment_yml_takes_only_python_and_pip_from_conda_forge():
    text = (ROOT / "environment.yml").read_text()
    conda = re.findall(r"^  - ([^\s:]+)$", text, flags=re.M)
    assert conda == ["conda-forge", "python=3.11", "pip"]


def test_every_lock_line_is_an_exact_pin():
    for name in ("requirements.lock", "requirements-test.lock"):
        for line in lock_lines(name):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+!\-]+", line), f"{name}: {line}"


def test_pins_satisfy_pyproject_and_test_packages_stay_out_of_the_student_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {Requirement(line).name.lower(): line.split("==")[1] for line in lock_lines("requirements.lock")}
    test = {Requirement(line).name.lower(): line.split("==")[1] for line in lock_lines("requirements-test.lock")}
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert req.name.lower() in runtime, f"{req.name} is not pinned in requirements.lock"
        assert req.specifier.contains(runtime[req.name.lower()]), f"{req.name}=={runtime[req.name.lower()]} breaks {spec}"
    for spec in project["optional-dependencies"]["test"]:
        req = Requirement(spec)
        assert req.name.lower() in test, f"{req.name} is not pinned in requirements-test.lock"
        assert req.name.lower() not in runtime, f"test package {req.name} is in the student lock"
        assert req.specifier.contains(test[req.name.lower()]), f"{req.name} pin breaks {spec}"
    assert not set(runtime) & set(test)


def test_binder_builds_from_the_root_and_installs_the_package_itself():
    assert not (ROOT / "binder").exists(), "a binder/ folder would make Binder ignore the root files"
    post_build = (ROOT / "postBuild").read_text()
    assert "python -m pip install --no-deps ." in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_make_binder_and_a_hub_install_the_course_settings_of_prefix():
    """prefix/ (JupyterLab overrides, the handout template, nbconvert settings) goes into the environment."""
    into_this_environment = """cp -r prefix/share prefix/etc "$(python -c 'import sys; print(sys.prefix)')"/"""
    assert into_this_environment in (ROOT / "postBuild").read_text()
    for readme in ("README.md", "prefix/README.md"):  # the hub's instructions: the same command
        assert into_this_environment in (ROOT / readme).read_text(), readme
    assert "@cp -r prefix/share prefix/etc $(VENV)/" in (ROOT / "Makefile").read_text()


def test_the_lab_overrides_cover_every_command_mode_shortcut_of_the_installed_jupyterlab():
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(ROOT / "tools" / "lab_overrides.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_generated_folders_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text().split()
    for folder in (".venv/", "artifacts/", ".hypothesis/"):
        assert folder in ignored


def test_ci_runs_exactly_the_readmes_test_command_offline():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    offline_line = next(line for line in ci.splitlines() if line.startswith("exec unshare"))
    assert "ip link set lo up" in offline_line and offline_line.rstrip("'").endswith("make test")
    assert "CI=true" in ci and "chromium" in ci


def test_make_prints_the_debian_hint_when_venv_is_missing(tmp_path):
    """`make lab` on a machine where `python3 -m venv` fails says what to install."""
    import shutil
    import subprocess

    for name in ("Makefile", "pyproject.toml", "requirements.lock", "requirements-test.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    result = subprocess.run(["make", "--no-print-directory", "lab", "PYTHON=false"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "apt install python3-venv" in result.stdout + result.stderr
    assert not (tmp_path / ".venv").exists()
