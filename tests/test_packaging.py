"""The wheel carries what the package needs at run time; it works from another directory."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import connect_mock

pytestmark = pytest.mark.usefixtures("unmeasured_subprocesses")

ROOT = Path(__file__).resolve().parent.parent


def _pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", *args, "--no-deps", "-q"],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: setuptools writes build/ and *.egg-info/ into the source tree, which
    # two xdist workers building at once would share.
    source = tmp_path_factory.mktemp("source")
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "connect_mock",
        source / "connect_mock",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-build-isolation", "-w", str(out), str(source))
    (built,) = out.glob("connect_mock-*.whl")
    return built


def test_the_wheel_holds_the_data_the_package_needs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "connect_mock/py.typed" in names
    assert any(n.startswith("connect_mock/data/numbering_plan.") for n in names)
    assert not any(n.startswith(("tests/", "fixtures/", "scripts/")) for n in names)
    metadata = next(n for n in names if n.endswith("entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "connect_mock = connect_mock.plugin" in entry_points
    assert "connect-mock = connect_mock.cli:main" in entry_points


def test_the_wheel_carries_the_packages_version(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    fields = dict(
        line.split(": ", 1)
        for line in archive.read(metadata).decode().splitlines()
        if line.startswith(("Name: ", "Version: "))
    )
    # setuptools < 69.1 writes the name normalized (connect-mock): the same name to pip.
    fields["Name"] = re.sub(r"[-_.]+", "_", fields["Name"])
    assert fields == {"Name": "connect_mock", "Version": connect_mock.__version__}
    assert wheel.name.startswith(f"connect_mock-{connect_mock.__version__}-")


def test_the_installed_wheel_works_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    _pip("install", "--target", str(target), str(wheel))
    script = (
        "import connect_mock, sys\n"
        "assert connect_mock.__file__.startswith(sys.argv[1]), connect_mock.__file__\n"
        "from connect_mock.cli import main\n"
        "raise SystemExit(main(['sample', 'US', 'DID', '--count', '1']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("US DID, seed 0: 1 number(s)")
