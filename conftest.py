"""Set-up for every test run, loaded by pytest before any test or notebook is collected.

1. Jupyter, IPython and matplotlib configuration folders point at a temporary folder,
   so a developer's own settings cannot change results, and tests write nothing at home.
2. The offline guard: no connection beyond loopback, both in this process and, through
   a startup file in the temporary IPYTHONDIR, in every kernel nbval or a test starts.
3. Hypothesis runs derandomized (and without a database) under CI=true.
"""

import os
import shutil
import tempfile
from pathlib import Path

from chipexport import offline  # the guard's source: chipexport/offline.py

TEST_HOME = Path(tempfile.mkdtemp(prefix="chipexport-tests-"))
CONFIG_DIRS = {
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}
for _var, _sub in CONFIG_DIRS.items():
    (TEST_HOME / _sub).mkdir()
    os.environ[_var] = str(TEST_HOME / _sub)
os.environ.pop("CHIPEXPORT_DATA", None)  # tests read the repository's datasets unless a test says otherwise
offline.write_startup_file(TEST_HOME / "ipython")
offline.install()

try:
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None, deadline=None)
    settings.register_profile("dev", deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")
except ImportError:  # hypothesis is a test extra; the unit layer says so if it is missing
    pass


def pytest_unconfigure(config):
    shutil.rmtree(TEST_HOME, ignore_errors=True)
