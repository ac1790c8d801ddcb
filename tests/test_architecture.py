"""The layers you see in the file list hold in the code: no import cycles (function-level imports
included) and lower layers never import upper ones. (How much one function does is limited by
ruff's complexity rules, C901 and PLR0912/PLR0915, in ruff.toml.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import connect_mock

PACKAGE = Path(connect_mock.__file__).resolve().parent
NAME = "connect_mock"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("connect_mock._http",),
    ("connect_mock._moto",),
    ("connect_mock.core",),
    ("connect_mock.inventory",),
    ("connect_mock.faults",),
    ("connect_mock.config",),
    ("connect_mock.backend",),
    ("connect_mock.runtime",),
    ("connect_mock.wire",),
    ("connect_mock.mock",),
    ("connect_mock.control",),
    (
        "connect_mock.plugin",
        "connect_mock.cli",
        "connect_mock.__main__",
        "connect_mock.faker",
        "connect_mock",
    ),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str, path: Path) -> set[str]:
    """Every connect_mock module ``module`` imports, at any depth of its code."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # "from . import x" names a module when x is one.
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or (prefix != NAME and module.startswith(prefix + ".")):
                return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_the_graph_sees_function_level_and_relative_imports() -> None:
    assert "connect_mock.core.operations" in GRAPH["connect_mock.faults"]  # inside a method
    assert "connect_mock._moto" in GRAPH["connect_mock.core.errors"]  # inside a function
    assert "connect_mock.inventory.numbering" in GRAPH["connect_mock.inventory.ordered"]


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == 1:
                cycle = [*path[path.index(imported) :], imported]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if imported not in state:
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_lower_layers_never_import_upper_ones() -> None:
    upward = sorted(
        f"{module} -> {imported}"
        for module, imports in GRAPH.items()
        for imported in imports
        if _layer(imported) > _layer(module)
    )
    assert upward == []
