"""The README's Python examples run as they are written (as test files, in a pytester session)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 3


def test_the_readme_examples_pass(pytester: pytest.Pytester) -> None:
    shutil.copytree(ROOT / "fixtures", pytester.path / "fixtures")
    shutil.copytree(ROOT / "examples", pytester.path / "examples")
    files = {f"test_readme_{index}": block for index, block in enumerate(BLOCKS)}
    pytester.makepyfile(**files)
    result = pytester.runpytest("-p", "no:cacheprovider")
    expected = sum(len(re.findall(r"^def test_", block, re.M)) for block in BLOCKS)
    assert expected >= 3
    result.assert_outcomes(passed=expected)
