"""Mutation testing for connect_mock: how many injected bugs does the suite catch?

A small, deterministic `ast` mutator (docs/mutation.md). Each mutant changes one thing in one
module (an operator, a comparison, a constant, a boolean, or deletes a statement); it is
compiled from the tree and imported in place of the real module by an import hook, so the
working tree is never edited and two mutants can run side by side. Each mutant runs only the
tests that executed its lines (per-test coverage contexts from one coverage run, cached in
.mutation/), fastest first, stopping at the first failure.

    make mutation                                   # the seeded sample over the default modules
    MUTATION_SAMPLE=0 make mutation                 # every mutant
    MUTATION_MODULES="connect_mock/core/clock.py" make mutation

Environment: MUTATION_MODULES (paths or globs, space or comma separated), MUTATION_SAMPLE
(mutants in the sample, 0 = all), MUTATION_SEED, MUTATION_JOBS (mutants run in parallel),
MUTATION_TIMEOUT_FACTOR, MUTATION_TESTS (pytest arguments choosing the tests to map; default
the whole suite), MUTATION_LINES (`path:line ...`: only the mutants on those lines). A mutant
whose source line is listed in scripts/mutation_equivalent.txt with the same mutation is
reported as equivalent and left out of the score.
"""

from __future__ import annotations

import argparse
import ast
import glob
import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import pkgutil
import random
import re
import subprocess
import sys
import threading
import time
import types
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".mutation"
EQUIVALENT_FILE = ROOT / "scripts" / "mutation_equivalent.txt"
DEFAULT_MODULES = (
    "connect_mock/core/*.py",
    "connect_mock/inventory/*.py",
    "connect_mock/backend/*.py",
    "connect_mock/faults.py",
    "connect_mock/wire/parse.py",
)
DEFAULT_SAMPLE = 400
EVERY_TEST = 0  # in Mutant.lines: every test mapped may see the mutant (no line 0 exists)

_BINOPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}
_CMPOPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_SYMBOL: dict[type[ast.AST], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.And: "and",
    ast.Or: "or",
}


@dataclass(frozen=True)
class Mutant:
    """One mutation: node `node` (index in `ast.walk` order) of `path`, variant `variant`."""

    path: str
    node: int
    variant: int
    line: int
    description: str
    # Lines whose tests may see the mutant (the enclosing statement, or its users).
    lines: tuple[int, ...] = field(default=(), compare=False)
    # For a module-level name: the lines of other modules that import and read it.
    elsewhere: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return f"{self.path}:{self.node}:{self.variant}"


# --- finding mutants -------------------------------------------------------------------------


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """ids of nodes never mutated: docstrings, annotations, `TYPE_CHECKING` blocks, `__all__`,
    format specs (a mutated spec is a crash, not a bug a test should find)."""
    skip: set[ast.AST] = set()

    def mark(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                mark(body[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node.returns)
            for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
                mark(arg.annotation)
            for star in (node.args.vararg, node.args.kwarg):
                if star is not None:
                    mark(star.annotation)
        elif isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        elif (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)) or (
            isinstance(node, ast.Assign)
            and any(
                isinstance(t, ast.Name) and t.id in ("__all__", "__slots__") for t in node.targets
            )
        ):
            mark(node)
        elif isinstance(node, ast.FormattedValue):
            mark(node.format_spec)
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("TypeVar", "cast"):
            mark(node)
    return {id(n) for n in skip}


def _variants(node: ast.AST, parents: dict[int, ast.AST]) -> list[str]:
    """The mutations that apply to `node`, each described as a user would read it."""
    out: list[str] = []
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOPS:
        out.append(f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[_BINOPS[type(node.op)]]}")
    elif isinstance(node, ast.Compare):
        out += [f"{_SYMBOL[type(op)]} -> {_SYMBOL[_CMPOPS[type(op)]]}" for op in node.ops]
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        out.append(f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[other]}")
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub, ast.Invert)):
        out.append(f"drop unary {type(node.op).__name__.lower()}")
    elif isinstance(node, ast.Constant):
        value = node.value
        # A keyword argument's name tells apart the constants of one line (field(init=False,
        # repr=False)), so that one can be listed as equivalent and not the other.
        parent = parents.get(id(node))
        name = f"{parent.arg}=" if isinstance(parent, ast.keyword) and parent.arg else ""
        if isinstance(value, bool):
            out.append(f"{name}{value} -> {name}{not value}")
        elif isinstance(value, (int, float)):
            out.append(f"{name}{value!r} -> {name}{value + 1!r}")
        elif isinstance(value, str):
            out.append(f"{name}{_short(value)} -> {name}{_short('XX' + value + 'XX')}")
    elif isinstance(node, ast.Break):
        out.append("break -> continue")
    elif isinstance(node, ast.Continue):
        out.append("continue -> break")
    if isinstance(node, ast.Return) and not (
        node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)
    ):
        out.append("return value -> return None")
    if _deletable(node, parents):
        out.append(f"delete statement ({type(node).__name__.lower()})")
    return out


def _deletable(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    if isinstance(node, (ast.Raise, ast.AugAssign)):
        return True
    if isinstance(node, ast.Expr):
        return isinstance(node.value, (ast.Call, ast.Await))
    if isinstance(node, ast.Assign):
        # Only stores into existing objects; deleting a local binding is a NameError at once.
        return all(isinstance(t, (ast.Attribute, ast.Subscript)) for t in node.targets)
    return False


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing_statement(node: ast.AST, parents: dict[int, ast.AST]) -> ast.stmt:
    while not isinstance(node, ast.stmt):
        node = parents[id(node)]
    return node


def _statement_lines(stmt: ast.stmt) -> tuple[int, ...]:
    """Lines coverage attributes to a statement: its header only when it has a body."""
    end = stmt.end_lineno or stmt.lineno
    body = getattr(stmt, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        end = max(stmt.lineno, body[0].lineno - 1)
    return tuple(range(stmt.lineno, end + 1))


def _in_function(node: ast.AST, parents: dict[int, ast.AST]) -> ast.AST | None:
    """The function whose body holds `node`, or None when it runs at import time."""
    child = node
    while id(child) in parents:
        parent = parents[id(child)]
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inside = child in (parent.body if isinstance(parent.body, list) else [parent.body])
            if inside:
                return parent
            # A default value or decorator runs when the module is imported.
        child = parent
    return None


def _import_time_lines(
    node: ast.AST, tree: ast.Module, parents: dict[int, ast.AST]
) -> tuple[int, ...]:
    """For import-time code, the lines that use what it defines: its function's body for a
    default or decorator, the readers of a module- or class-level name for a constant;
    EVERY_TEST for a bare call (a registration: what it changes may be seen by any test)."""
    stmt = _enclosing_statement(node, parents)
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return tuple(range(stmt.body[0].lineno, (stmt.end_lineno or stmt.lineno) + 1))
    names: set[str] = set()
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    for target in targets:
        names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    if isinstance(stmt, ast.ClassDef):
        names.add(stmt.name)
    if isinstance(stmt, ast.Expr):  # a call made at import (a registration): any test may see it
        return (EVERY_TEST,)
    readers = {
        n.lineno
        for n in ast.walk(tree)
        if (isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load))
        or (isinstance(n, ast.Attribute) and n.attr in names)
    }
    return tuple(sorted(readers))


def _defined_names(node: ast.AST, parents: dict[int, ast.AST]) -> set[str]:
    """The module-level names the import-time statement holding `node` defines."""
    stmt = _enclosing_statement(node, parents)
    if id(stmt) not in parents or not isinstance(parents[id(stmt)], ast.Module):
        return set()
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _module_name(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _readers_elsewhere(path: str, names: set[str]) -> tuple[tuple[str, int], ...]:
    """The lines of the package's other modules that read one of `names`, imported by
    `from <path's module> import NAME` (relative or absolute)."""
    if not names:
        return ()
    module = _module_name(path)
    found: set[tuple[str, int]] = set()
    for other in sorted(glob.glob(str(ROOT / "connect_mock/**/*.py"), recursive=True)):
        other_path = str(Path(other).relative_to(ROOT))
        if other_path == path:
            continue
        tree = ast.parse(Path(other).read_text())
        package = _module_name(other_path).split(".")
        if not other_path.endswith("__init__.py"):
            package = package[:-1]
        local: set[str] = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            if source == module:
                local |= {a.asname or a.name for a in node.names if a.name in names}
        found |= {
            (other_path, n.lineno)
            for n in ast.walk(tree)
            if isinstance(n, ast.Name) and n.id in local and isinstance(n.ctx, ast.Load)
        }
    return tuple(sorted(found))


def find_mutants(path: str) -> list[Mutant]:
    """Every mutant of one module, in a fixed order."""
    source = (ROOT / path).read_text()
    tree = ast.parse(source)
    parents = _parents(tree)
    skip = _skipped_nodes(tree)
    lines = source.splitlines()
    out: list[Mutant] = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip or not hasattr(node, "lineno"):
            continue
        line = node.lineno
        text = lines[line - 1]
        if "pragma: no cover" in text or "pragma: no mutate" in text:
            continue
        variants = _variants(node, parents)
        if not variants:
            continue
        elsewhere: tuple[tuple[str, int], ...] = ()
        if _in_function(node, parents) is None:
            users = _import_time_lines(node, tree, parents)
            elsewhere = _readers_elsewhere(path, _defined_names(node, parents))
        else:
            users = _statement_lines(_enclosing_statement(node, parents))
        for variant, description in enumerate(variants):
            out.append(Mutant(path, index, variant, line, description, users, elsewhere))
    return out


# --- applying one ----------------------------------------------------------------------------


def mutated_tree(mutant: Mutant) -> ast.Module:
    """The module's tree with the one mutation applied."""
    tree = ast.parse((ROOT / mutant.path).read_text())
    parents = _parents(tree)
    node = next(n for i, n in enumerate(ast.walk(tree)) if i == mutant.node)
    description = _variants(node, parents)[mutant.variant]
    if description.startswith("delete statement"):
        _replace(node, ast.Pass(), parents)
    elif description == "return value -> return None":
        assert isinstance(node, ast.Return)
        node.value = ast.Constant(None)
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        node.op = _BINOPS[type(node.op)]()
    elif isinstance(node, ast.Compare):
        position = next(i for i, d in enumerate(_variants(node, parents)) if d == description)
        node.ops[position] = _CMPOPS[type(node.ops[position])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        _replace(node, node.operand, parents)
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            node.value = not value
        elif isinstance(value, (int, float)):
            node.value = value + 1
        else:
            node.value = "XX" + str(value) + "XX"
    elif isinstance(node, ast.Break):
        _replace(node, ast.Continue(), parents)
    elif isinstance(node, ast.Continue):
        _replace(node, ast.Break(), parents)
    return ast.fix_missing_locations(tree)


def _replace(node: ast.AST, new: ast.AST, parents: dict[int, ast.AST]) -> None:
    parent = parents[id(node)]
    ast.copy_location(new, node)
    for name, value in ast.iter_fields(parent):
        if value is node:
            setattr(parent, name, new)
            return
        if isinstance(value, list) and any(v is node for v in value):
            value[next(i for i, v in enumerate(value) if v is node)] = new
            return
    raise AssertionError(f"{node!r} not found in its parent")


class _MutantLoader(importlib.abc.Loader):
    def __init__(self, code: types.CodeType) -> None:
        self.code = code

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        exec(self.code, module.__dict__)


class _MutantFinder(importlib.abc.MetaPathFinder):
    """Serves the mutated module in place of the real one; every other import is untouched."""

    def __init__(self, mutant: Mutant) -> None:
        relative = Path(mutant.path).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        self.name = ".".join(parts)
        self.path = str(ROOT / mutant.path)
        self.package = relative.name == "__init__"
        self.code = compile(mutated_tree(mutant), self.path, "exec")

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        return importlib.util.spec_from_file_location(
            fullname,
            self.path,
            loader=_MutantLoader(self.code),
            submodule_search_locations=[str(Path(self.path).parent)] if self.package else None,
        )


def _child(mutant_json: str, tests_file: str) -> int:
    """In a forked worker: install the mutant, then pytest on the chosen tests."""
    mutant = Mutant(**{k: v for k, v in json.loads(mutant_json).items() if k != "lines"})
    finder = _MutantFinder(mutant)
    sys.meta_path.insert(0, finder)
    import pytest

    tests = [line for line in Path(tests_file).read_text().splitlines() if line]
    # --assert=plain: pytest's assertion rewriter would import connect_mock itself (its pytest11
    # plugin marks the whole package for rewriting), from the file, past the mutant.
    args = ["-x", "-q", "--assert=plain", "-p", "no:randomly", "-p", "no:cacheprovider"]
    collection = _CollectionErrors()
    status = int(pytest.main([*args, "-o", "console_output_style=classic", *tests], [collection]))
    if status == 4 and collection.failed:
        # A test module that no longer imports: pytest says its tests are not found (usage
        # error), but the mutant broke the import, as much a kill as a failing test.
        status = 2
    if status == 4:
        # pytest could not start (a conftest or plugin import failed): a kill if the package
        # does not import with the mutant in place (the mutant itself, or a module using it
        # at import time, e.g. a decorator that returns None).
        root = finder.name.split(".")[0]
        try:
            importlib.import_module(finder.name)
            package = importlib.import_module(root)
            for info in pkgutil.walk_packages(package.__path__, f"{root}."):
                if not info.name.endswith(".__main__"):  # that one runs the CLI
                    importlib.import_module(info.name)
        except ModuleNotFoundError as missing:  # an optional dependency: not the mutant's doing
            if (missing.name or "").split(".")[0] == root:
                return 2
        except Exception:
            return 2
    module = sys.modules.get(finder.name)
    if module is not None and not isinstance(
        getattr(module.__spec__, "loader", None), _MutantLoader
    ):
        print(f"{finder.name} was imported past the mutant: this run measured nothing")
        return _BYPASSED
    return status


class _CollectionErrors:
    """A pytest plugin noting whether collecting any test module failed."""

    failed = False

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self.failed = True


_BYPASSED = 98  # the exit status of a run in which the real module was imported, not the mutant

# What every mutant's run imports first, imported once per worker before it forks: pytest,
# boto3, botocore and hypothesis take seconds. Never moto or connect_mock: moto reads settings
# when it is imported, and connect_mock must be imported with the mutant in place.
_PRELOAD = ("pytest", "_pytest.pytester", "boto3", "botocore.session", "hypothesis", "xdist")


def _worker() -> int:
    """Serve mutants one at a time (a JSON line each on stdin, the exit status on stdout), each
    in a forked child, so the imports above are paid once. The child gets its own process group
    so that a timeout ends what it started too (a server)."""

    for name in _PRELOAD:
        importlib.import_module(name)
    for line in sys.stdin:
        job = json.loads(line)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child
            os.setpgid(0, 0)
            log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(log, 1)
            os.dup2(log, 2)
            status = 3
            try:
                status = _child(json.dumps(job["mutant"]), job["tests"])
            finally:
                os._exit(status)
        rc: int | None = None
        while time.monotonic() - started < job["timeout"]:
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if done:
                rc = os.waitstatus_to_exitcode(wait_status)
                break
            time.sleep(0.05)
        else:
            os.killpg(pid, 9)
            os.waitpid(pid, 0)
        print(json.dumps({"rc": rc, "seconds": time.monotonic() - started}), flush=True)
    return 0


class _Workers:
    """One worker process per thread of the pool, started on first use."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.all: list[subprocess.Popen[str]] = []
        self.lock = threading.Lock()

    def run(self, job: dict[str, object]) -> tuple[int | None, float]:
        worker: subprocess.Popen[str] | None = getattr(self.local, "worker", None)
        if worker is None:
            command = [sys.executable, "-m", "scripts.mutation", "--worker"]
            worker = subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
            self.local.worker = worker
            with self.lock:
                self.all.append(worker)
        assert worker.stdin is not None
        assert worker.stdout is not None
        worker.stdin.write(json.dumps(job) + "\n")
        worker.stdin.flush()
        answer = json.loads(worker.stdout.readline())
        return answer["rc"], answer["seconds"]

    def close(self) -> None:
        for worker in self.all:
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait()


# --- which tests see which line --------------------------------------------------------------


def _fingerprint(selection: Sequence[str]) -> str:
    digest = hashlib.sha256(f"map 3 {' '.join(selection)}".encode())
    for pattern in ("connect_mock/**/*.py", "tests/**/*.py", "setup.cfg"):
        for name in sorted(glob.glob(str(ROOT / pattern), recursive=True)):
            digest.update(name.encode())
            digest.update(Path(name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class TestMap:
    """Per-test coverage of the mutated modules and per-test durations."""

    lines: dict[str, dict[int, list[str]]]
    durations: dict[str, float]


def test_map(paths: Sequence[str], jobs: int, selection: Sequence[str]) -> TestMap:
    """Run the suite (or `selection`, pytest arguments) once with per-test contexts, cached in
    .mutation/ until a source or test changes."""
    STATE.mkdir(exist_ok=True)
    (STATE / ".gitignore").write_text("*\n")
    cache = STATE / f"map-{_fingerprint(selection)}.json"
    if cache.exists():
        data = json.loads(cache.read_text())
        return TestMap(
            {p: {int(k): v for k, v in m.items()} for p, m in data["lines"].items()},
            data["durations"],
        )
    datafile = STATE / "coverage"
    for old in STATE.glob("coverage*"):
        old.unlink()
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-n", str(jobs),
        "--cov=connect_mock", "--cov-context=test", "--cov-report=", "--cov-fail-under=0",
        "--durations=0", "--durations-min=0", *selection,
    ]  # fmt: skip
    print(f"mapping tests to lines: {' '.join(command[2:])}", flush=True)
    started = time.monotonic()
    env = {**os.environ, "COVERAGE_FILE": str(datafile)}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    print(f"  took {time.monotonic() - started:.0f} s", flush=True)
    if run.returncode != 0:
        sys.stdout.write(run.stdout[-5000:])
        raise SystemExit("the unmutated suite fails: fix it before measuring mutants")
    durations: dict[str, float] = {}
    for match in re.finditer(r"^(\d+\.\d+)s (?:setup|call|teardown)\s+(.+)$", run.stdout, re.M):
        durations[match[2]] = durations.get(match[2], 0.0) + float(match[1])
    import coverage

    data = coverage.CoverageData(basename=str(datafile))
    data.read()
    lines: dict[str, dict[int, list[str]]] = {}
    everything = sorted(set(module_paths("connect_mock/*.py connect_mock/*/*.py")) | set(paths))
    for path in everything:
        by_line = data.contexts_by_lineno(str(ROOT / path))
        lines[path] = {
            # "" is code run outside any test: at import, or while collecting a test module.
            line: sorted({c.rsplit("|", 1)[0] for c in contexts})
            for line, contexts in by_line.items()
        }
    cache.write_text(json.dumps({"lines": lines, "durations": durations}))
    return TestMap(lines, durations)


def tests_for(mutant: Mutant, tests: TestMap) -> list[str]:
    """The tests that run the mutant's lines, fastest first."""
    if mutant.lines == (EVERY_TEST,):
        return sorted(tests.durations, key=lambda t: (tests.durations[t], t))
    by_line = tests.lines.get(mutant.path, {})
    chosen = {t for line in mutant.lines for t in by_line.get(line, [])}
    for other, line in mutant.elsewhere:
        chosen.update(tests.lines.get(other, {}).get(line, []))
    if "" in chosen:
        # Run while collecting (a test module building a parser at import): which tests then
        # use what it built is unknown, so every test that runs any line of the module.
        chosen = {t for tests_of_line in by_line.values() for t in tests_of_line}
    chosen.discard("")
    return sorted(chosen, key=lambda t: (tests.durations.get(t, 1.0), t))


# --- running ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed, survived, timeout, uncovered, equivalent, error
    tests: int
    seconds: float
    source: str


def run_mutant(
    mutant: Mutant, tests: TestMap, factor: float, source: str, workers: _Workers
) -> Outcome:
    chosen = tests_for(mutant, tests)
    if not chosen:
        return Outcome(mutant, "uncovered", 0, 0.0, source)
    name = mutant.key.replace("/", "_").replace(":", "_")
    tests_file = STATE / f"tests-{name}.txt"
    tests_file.write_text("\n".join(chosen))
    log = STATE / f"log-{name}.txt"
    budget = 120 + factor * sum(tests.durations.get(t, 1.0) for t in chosen)
    job = {"mutant": asdict(mutant), "tests": str(tests_file), "timeout": budget, "log": str(log)}
    try:
        rc, seconds = workers.run(job)
    finally:
        tests_file.unlink(missing_ok=True)
    # 1: a test failed; 2: interrupted (a collection error: the mutant breaks an import);
    # 3: internal error. 4 and 5 (usage, nothing collected) mean the run itself was wrong.
    if rc is None:
        status = "timeout"
    else:
        status = {0: "survived", 1: "killed", 2: "killed", 3: "killed"}.get(rc, "error")
    if status == "error":
        sys.stderr.write(log.read_text()[-2000:])
    if status in ("killed", "timeout"):
        log.unlink(missing_ok=True)
    return Outcome(mutant, status, len(chosen), seconds, source)


def _equivalents() -> dict[tuple[str, str, str], str]:
    """(path, mutation, source line) -> reason, from scripts/mutation_equivalent.txt."""
    known: dict[tuple[str, str, str], str] = {}
    if not EQUIVALENT_FILE.exists():
        return known
    for raw in EQUIVALENT_FILE.read_text().splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        # The mutation and the source line may hold " | " themselves (`int | None`, a string
        # "a | b"): each split between them is a key, and only the true one names a mutant.
        parts = [part.strip() for part in raw.split(" | ")]
        for cut in range(2, len(parts) - 1):
            known[(parts[0], " | ".join(parts[1:cut]), " | ".join(parts[cut:-1]))] = parts[-1]
    return known


def select(paths: Sequence[str], sample: int, seed: int) -> list[Mutant]:
    """Every mutant, or a seeded sample spread over the modules in proportion to their size."""
    every = {path: find_mutants(path) for path in paths}
    total = sum(len(m) for m in every.values())
    if sample <= 0 or sample >= total:
        return [m for mutants in every.values() for m in mutants]
    rng = random.Random(seed)
    chosen: list[Mutant] = []
    for mutants in every.values():
        share = min(len(mutants), max(3, round(sample * len(mutants) / total)))
        chosen += sorted(rng.sample(mutants, share), key=lambda m: (m.node, m.variant))
    return chosen


def module_paths(spec: str) -> list[str]:
    patterns = [p for p in re.split(r"[\s,]+", spec) if p] or list(DEFAULT_MODULES)
    found = {
        str(Path(p).resolve().relative_to(ROOT))
        for pattern in patterns
        for p in glob.glob(str(ROOT / pattern))
    }
    return sorted(p for p in found if p.endswith(".py"))


def report(outcomes: list[Outcome]) -> dict[str, float]:
    """Print per-module scores and the survivors; returns the score per module."""
    by_module: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_module.setdefault(outcome.mutant.path, []).append(outcome)
    print(f"\n{'module':<44} {'mutants':>7} {'killed':>6} {'surv':>5} {'equiv':>5} {'score':>6}")
    scores: dict[str, float] = {}
    for path, group in sorted(by_module.items()):
        killed = sum(o.status in ("killed", "timeout") for o in group)
        equivalent = sum(o.status == "equivalent" for o in group)
        counted = len(group) - equivalent
        score = 100.0 * killed / counted if counted else 100.0
        scores[path] = score
        print(
            f"{path:<44} {len(group):>7} {killed:>6} {counted - killed:>5} {equivalent:>5}"
            f" {score:>5.1f}%"
        )
    killed = sum(o.status in ("killed", "timeout") for o in outcomes)
    counted = sum(o.status != "equivalent" for o in outcomes)
    scores["total"] = 100.0 * killed / counted if counted else 100.0
    print(f"{'total':<44} {len(outcomes):>7} {killed:>6} {counted - killed:>5}", end="")
    print(f" {len(outcomes) - counted:>5} {scores['total']:>5.1f}%")
    survivors = [o for o in outcomes if o.status in ("survived", "uncovered", "error")]
    if survivors:
        print("\nsurviving mutants (path:line: mutation | source line):")
        for o in sorted(survivors, key=lambda o: (o.mutant.path, o.mutant.line, o.mutant.key)):
            note = "" if o.status == "survived" else f" [{o.status}]"
            print(f"  {o.mutant.path}:{o.mutant.line}: {o.mutant.description}{note} | {o.source}")
    return scores


def iter_sources(mutants: Sequence[Mutant]) -> Iterator[str]:
    cache: dict[str, list[str]] = {}
    for m in mutants:
        lines = cache.setdefault(m.path, (ROOT / m.path).read_text().splitlines())
        yield lines[m.line - 1].strip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)
    if args.worker:
        return _worker()
    paths = module_paths(os.environ.get("MUTATION_MODULES", ""))
    sample = int(os.environ.get("MUTATION_SAMPLE", DEFAULT_SAMPLE))
    seed = int(os.environ.get("MUTATION_SEED", "0"))
    jobs = int(os.environ.get("MUTATION_JOBS", str(os.cpu_count() or 1)))
    factor = float(os.environ.get("MUTATION_TIMEOUT_FACTOR", "3"))
    mutants = select(paths, sample, seed)
    if only := os.environ.get("MUTATION_LINES", "").split():
        mutants = [m for m in mutants if f"{m.path}:{m.line}" in only]
    sources = list(iter_sources(mutants))
    everything = sum(len(find_mutants(p)) for p in paths)
    sampled = "all" if len(mutants) == everything else f"a sample (seed {seed})"
    print(f"{len(mutants)} of {everything} mutants ({sampled}) in {len(paths)} modules")
    if args.list:
        listed = sorted(zip(mutants, sources, strict=True), key=lambda p: (p[0].path, p[0].line))
        for m, source in listed:
            print(f"  {m.path}:{m.line}: {m.description} | {source}")
        return 0
    tests = test_map(paths, jobs, os.environ.get("MUTATION_TESTS", "").split())
    equivalent = _equivalents()
    outcomes: list[Outcome] = []
    todo: list[tuple[Mutant, str]] = []
    for m, source in zip(mutants, sources, strict=True):
        if (m.path, m.description, source) in equivalent:
            outcomes.append(Outcome(m, "equivalent", 0, 0.0, source))
        else:
            todo.append((m, source))
    started = time.monotonic()
    workers = _Workers()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_mutant, m, tests, factor, s, workers) for m, s in todo]
        for done, future in enumerate(futures, 1):
            outcome = future.result()
            outcomes.append(outcome)
            if outcome.status != "killed" or done % 25 == 0:
                print(
                    f"  [{done}/{len(todo)}] {outcome.status:<9} {outcome.mutant.path}:"
                    f"{outcome.mutant.line}: {outcome.mutant.description}"
                    f" ({outcome.tests} tests, {outcome.seconds:.0f} s)",
                    flush=True,
                )
    workers.close()
    print(f"ran {len(todo)} mutants in {time.monotonic() - started:.0f} s")
    scores = report(outcomes)
    (STATE / "results.json").write_text(
        json.dumps(
            {
                "scores": scores,
                "outcomes": [
                    {**asdict(o.mutant), "status": o.status, "source": o.source} for o in outcomes
                ],
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
