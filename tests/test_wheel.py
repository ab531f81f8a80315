"""A non-editable wheel install finds its built-in copy of the data from /tmp (design §8)."""

import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from layers import ROOT


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=600, **kw)


def test_wheel_carries_the_datasets_and_loads_chips_from_tmp():
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="chipexport-wheel-") as tmp:
        tmp = Path(tmp)
        run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
            "-w", str(tmp / "dist"), str(ROOT))
        wheel = next((tmp / "dist").glob("chipexport-*.whl"))
        run(sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv"))
        site = Path(run(str(tmp / "venv" / "bin" / "python"), "-c",
                        "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
        run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
            "--target", str(site), str(wheel))
        # the package's own dependencies (pandas...) come from the test environment
        (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        work = tmp / "elsewhere"
        work.mkdir()
        probe = ("import chipexport, chipexport.data as d; df = d.load('chips'); "
                 "print(chipexport.__file__); print(d.data_dir()); print(len(df)); "
                 "print(df.set_index('id').loc['CH-H20', 'tpp'])")
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp)}
        out = run(str(tmp / "venv" / "bin" / "python"), "-c", probe, cwd=work, env=env).stdout.split("\n")
        assert out[0].startswith(str(site)), out
        assert out[1] == str(site / "chipexport" / "datasets"), out
        assert int(out[2]) > 20 and float(out[3]) == 2368
        # the screen-reader module of the widgets travels with the package
        assert (site / "chipexport" / "widgets" / "accessible.js").read_text().strip()
