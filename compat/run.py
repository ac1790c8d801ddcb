#!/usr/bin/env python3
"""Run the test suite against other Pythons and dependency sets (docs/compat.md).

    python3 compat/run.py [--list] [JOB ...] [-- PYTEST_ARGS]

JOB: a name from JOBS, a group (`quick`, the default, or `full`), or `PYTHON/MOTO/CONSTRAINTS`
such as `3.10/5.2.5/floor`. Each job's venv lives outside the repo under a hash of its inputs
and is reused while they are unchanged; the package is reinstalled from a fresh wheel every run.
"""

from __future__ import annotations

import configparser
import fcntl
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("CONNECT_MOCK_COMPAT_CACHE", "~/.cache/connect-mock-compat"))
MAX_AGE = float(os.environ.get("CONNECT_MOCK_COMPAT_MAX_AGE_DAYS", "7")) * 86400
RECIPE = "1"  # bump when the install steps in prepare() change: every venv is rebuilt

# The one list of moto releases tested: every release with the Connect service, oldest first.
MOTO = ["5.1.21", "5.1.22", "5.2.0", "5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.2.5"]
JOBS = {  # name: PYTHON/MOTO/CONSTRAINTS (compat/CONSTRAINTS.txt); "default": the runner's python
    "floor": f"3.10/{MOTO[0]}/floor",
    "ceiling": f"3.13/{MOTO[-1]}/ceiling",
    **{f"moto-{v}": f"default/{v}/ceiling" for v in MOTO},
}
# quick: the two ends of every declared range (make test); full: every moto release too.
GROUPS = {"quick": ["floor", "ceiling"], "full": [*JOBS]}
# What the quick group runs: the tests whose outcome a release of Python, moto, botocore, pytest,
# phonenumbers, Faker or the packaging tools can change (docs/compat.md says why each). `make unit`
# runs the whole suite once in .venv; `full`, and jobs named one by one, run the whole suite too.
RELEASE_SENSITIVE = [
    "tests/test_moto_operations.py",  # moto's own operations beside ours; its private API
    "tests/test_isolation.py",  # moto's state manager and reset
    "tests/test_instances.py",  # moto's Connect instances as we extend them
    "tests/test_mock_api.py",  # mock_connect with moto's mock_aws: decorators, nesting
    "tests/test_server_registration.py",  # our routes in moto's server
    "tests/test_serve_moto_port.py",  # moto's server as MOTO_PORT, other services calling back
    "tests/test_server_mode.py",  # moto's server, the AWS CLI, the JavaScript SDK
    "tests/test_plugin.py",  # the pytest plugin (pytester)
    "tests/test_plugin_startup.py",  # pytest start-up and moto's settings
    "tests/test_usage_patterns.py",  # pytest, unittest and moto patterns
    "tests/test_docs.py",  # the docs' examples under pytester
    "tests/test_conformance.py",  # the output serializer against botocore's model
    "tests/test_contract.py",  # the model-derived output contract, every operation
    "tests/test_validation.py",  # validation derived from botocore's model
    "tests/test_parse.py",  # the request parser built from botocore's model
    "tests/test_http_requests.py",  # botocore's partitions and Regions; werkzeug's parsing
    "tests/test_numbering.py",  # the shipped plan against the installed phonenumbers
    "tests/test_faker.py",  # Faker's providers and seeding
    "tests/test_packaging.py",  # setuptools and wheel build what the package needs
]
VERSIONS = (  # run by the job's python
    "import platform, importlib.metadata as m; print('python', platform.python_version(), "
    "*(f'{n} {m.version(n)}' for n in ['moto', 'boto3', 'botocore', 'pytest', 'phonenumbers']))"
)


def run(cmd: list[str], cwd: Path | None = None) -> str:
    """cmd's output; stderr passes through."""
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE, cwd=cwd).stdout


def find_python(version: str) -> str:
    if version == "default":
        return sys.executable
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    if found := glob.glob(f"{pyenv}/versions/{version}.*/bin/python3"):
        return max(found, key=lambda p: [int(n) for n in p.split("/")[-3].split(".")])
    if found_on_path := shutil.which(f"python{version}"):
        return found_on_path
    raise RuntimeError(f"no Python {version} (pyenv install {version})")


def requirements(src: Path) -> list[str]:
    """install_requires and the test extra, as setup.cfg declares them."""
    cfg = configparser.ConfigParser()
    cfg.read(src / "setup.cfg")
    text = cfg["options"]["install_requires"] + cfg["options.extras_require"]["test"]
    return [line.strip() for line in text.splitlines() if line.strip()]


def prepare(python: str, moto: str, constraints: Path, reqs: list[str]) -> tuple[Path, float]:
    """The job's venv with every dependency installed, and the seconds spent building it."""
    version = run([python, "-c", "import sys; print(sys.version)"])
    inputs = [RECIPE, os.path.realpath(python), version, moto, constraints.read_text(), *reqs]
    key = hashlib.sha256("\0".join(inputs).encode()).hexdigest()[:16]
    venv = CACHE.expanduser() / f"py{version.split()[0]}-moto{moto}-{constraints.stem}-{key}"
    done = venv / ".compat-complete"  # written last: a half-built venv is rebuilt
    if done.exists() and time.time() - done.stat().st_mtime < MAX_AGE:
        os.utime(venv)  # last used, for pruning
        return venv, 0.0
    start = time.monotonic()
    for old in CACHE.expanduser().glob(f"{venv.name.rsplit('-', 1)[0]}-*"):  # one per job
        shutil.rmtree(old, ignore_errors=True)
    run([python, "-m", "venv", str(venv)])
    (venv / "moto-pin.txt").write_text(f"moto=={moto}\n")
    pip = [f"{venv}/bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run([*pip, "--upgrade", "pip", "setuptools", "wheel"])
    run([*pip, "-c", str(constraints), "-c", f"{venv}/moto-pin.txt", *reqs])
    done.touch()
    return venv, time.monotonic() - start


def snapshot(out: Path) -> tuple[Path, Path]:
    """A copy of the tracked and new (unignored) files, as a clone has them, and its wheel: each
    job runs this copy's tests against this wheel, whatever is edited meanwhile."""
    src = out / "src"
    for name in run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT).split("\0"):
        if name and (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    if (ROOT / "tests/js/node_modules").is_dir():
        (src / "tests/js/node_modules").symlink_to(ROOT / "tests/js/node_modules")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)])
    for left in [src / "build", *src.glob("*.egg-info")]:  # as a fresh clone: no build output
        shutil.rmtree(left, ignore_errors=True)
    return src, next(out.glob("connect_mock-*.whl"))


def install(venv: Path, wheel: Path, work: Path) -> str:
    """Install the wheel (not editable), check it is what `import connect_mock` finds; versions."""
    py = f"{venv}/bin/python"
    run([py, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)])
    print(run([py, "-m", "pip", "check"]).strip())
    found = run([py, "-c", "import connect_mock; print(connect_mock.__file__)"], cwd=work)
    where = Path(found.strip()).resolve()
    if not (where.is_relative_to(venv.resolve()) and "site-packages" in where.parts):
        raise RuntimeError(f"connect_mock imported from {where}, not from the venv")
    shutil.copy(ROOT / "compat/guard.py", where.parents[1] / "connect_mock_compat_guard.py")
    return run([py, "-c", VERSIONS]).strip()


def run_job(
    name: str, src: Path, wheel: Path, args: list[str], work: Path, tests: list[str]
) -> tuple[bool, str]:
    python, moto, constraints = JOBS.get(name, name).split("/")
    print(f"\n===== compat {name}: Python {python}, moto=={moto}, {constraints}.txt", flush=True)
    work.mkdir()  # the suite's working directory: nothing importable in it
    try:
        constraints_file = ROOT / "compat" / f"{constraints}.txt"
        venv, built = prepare(find_python(python), moto, constraints_file, requirements(src))
        setup = f"venv built in {built:.0f} s" if built else "venv reused"
        print(f"{venv}: {setup}", flush=True)
        versions = install(venv, wheel, work)
    except (subprocess.CalledProcessError, RuntimeError) as error:
        if isinstance(error, subprocess.CalledProcessError):
            error = RuntimeError(f"exit {error.returncode}: {' '.join(error.cmd)[:300]}")
        return False, f"{name}: SETUP FAILED: {error}"
    print(versions, flush=True)
    paths = [a for a in args if not a.startswith("-") and (src / a.split("::")[0]).exists()]
    args = [str(src / a) if a in paths else a for a in args] + (
        [] if paths else [str(src / test) for test in tests]
    )
    start = time.monotonic()
    code = subprocess.run(
        [f"{venv}/bin/pytest", "-p", "connect_mock_compat_guard", f"--junitxml={work}/junit.xml",
         "-o", f"cache_dir={venv}/.pytest_cache", *args],
        cwd=work, env={**os.environ, "CONNECT_MOCK_COMPAT_VENV": str(venv)},
    ).returncode  # fmt: skip
    outcome = "ok" if code == 0 else f"FAILED (pytest exit {code})"
    timing = f"suite {time.monotonic() - start:.0f} s, {setup}"
    return code == 0, f"{name}: {outcome} | {versions} | {tally(work / 'junit.xml')} | {timing}"


def tally(junit: Path) -> str:
    """'N passed, N failed, N errors, N skipped', from the suite's JUnit XML report."""
    suite = ET.parse(junit).getroot().find("testsuite") if junit.exists() else None
    if suite is None:
        return "no test report"
    n = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
    passed = n["tests"] - n["failures"] - n["errors"] - n["skipped"]
    return f"{passed} passed, {n['failures']} failed, {n['errors']} errors, {n['skipped']} skipped"


def newest_python() -> str:
    """The interpreter `make` builds .venv with: the ceiling's Python when the machine has it,
    so that `make unit` runs the ceiling job's configuration (see ran_by_unit)."""
    try:
        return find_python(JOBS["ceiling"].split("/")[0])
    except RuntimeError:
        return "python3"


def ran_by_unit(name: str) -> str | None:
    """Why `make unit` has already run job `name`, or None: .venv has the job's Python and moto,
    and the job's constraints pin nothing (the newest release of everything else, as .venv's
    unconstrained install has)."""
    python, moto, constraints = JOBS.get(name, name).split("/")
    venv_python = ROOT / ".venv" / "bin" / "python"
    lines = (ROOT / "compat" / f"{constraints}.txt").read_text().splitlines()
    if any(line.strip() and not line.startswith("#") for line in lines):
        return None
    if not venv_python.exists():
        return None
    probe = "import sys, importlib.metadata as m; print(*sys.version_info[:2], m.version('moto'))"
    major, minor, venv_moto = run([str(venv_python), "-c", probe]).split()
    if (f"{major}.{minor}", venv_moto) != (python, moto):
        return None
    return f".venv is Python {python} with moto {moto} and nothing pinned: `make unit` ran it"


def main(argv: list[str]) -> int:
    cut = argv.index("--") if "--" in argv else len(argv)
    names, args = argv[:cut], argv[cut + 1 :]
    if names == ["--list"]:
        print("\n".join(f"{job:14} {spec}" for job, spec in JOBS.items()))
        return 0
    if names == ["--newest-python"]:
        print(newest_python())
        return 0
    names = names or ["quick"]
    # The quick group runs what can differ between releases; anything else, the whole suite.
    tests = RELEASE_SENSITIVE if "quick" in names else ["tests"]
    if missing := [test for test in tests if not (ROOT / test).exists()]:
        raise SystemExit(f"compat: RELEASE_SENSITIVE names missing files: {' '.join(missing)}")
    quick = "quick" in names
    names = [job for n in names for job in GROUPS.get(n, [n])]
    if quick:  # a quick job whose configuration .venv has was run whole by `make unit`
        skipped = {job: reason for job in GROUPS["quick"] if (reason := ran_by_unit(job))}
        names = [n for n in names if n not in skipped]
        print("".join(f"compat {job}: skipped: {why}\n" for job, why in skipped.items()), end="")
    for spec in (JOBS.get(n, n).split("/") for n in names):
        if len(spec) != 3 or not (ROOT / "compat" / f"{spec[2]}.txt").is_file():
            raise SystemExit(f"compat: no job {'/'.join(spec)} (python3 compat/run.py --list)")
    cache = CACHE.expanduser()
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock, tempfile.TemporaryDirectory() as tmp:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one matrix at a time per cache
        for old in cache.glob("py*"):  # venvs of inputs unused for a while
            if time.time() - old.stat().st_mtime > 4 * MAX_AGE:
                shutil.rmtree(old, ignore_errors=True)
        src, wheel = snapshot(Path(tmp))
        results = [
            run_job(n, src, wheel, args, Path(tmp) / str(i), tests) for i, n in enumerate(names)
        ]
    print("\n===== compat summary")
    print("\n".join(line for _, line in results))
    failed = [name for name, (ok, _) in zip(names, results, strict=True) if not ok]
    print(f"compat: {len(results) - len(failed)} of {len(results)} jobs ok", *failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
