"""The documentation's examples run as they are written.

Every ```python block of README.md and docs/*.md is a test module: the blocks of one page run
together in a pytester session (one test per page, named after it), and every ``def test_`` in
them must pass. Other fences may only be ```sh, ```json (which must parse), ```hcl (Terraform:
tests/test_terraform.py applies docs/terraform.md's), or plain or ```text
output that does not look like Python, so an example cannot escape the run by being labelled
something else. Relative links, their headings, and the API reference's coverage of the public
names are checked too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)
LANGUAGES = {"python", "sh", "json", "hcl", "text", ""}  # "" and text: output, never code
LOOKS_LIKE_PYTHON = re.compile(
    r"^[ \t]*(?:import \w|from [\w.]+ import |(?:async )?def \w|class \w+[(:]|@\w|>>> )", re.M
)
TEST_FUNCTION = re.compile(r"^[ \t]*def test_", re.M)
# Pages that teach with examples: losing all of one's Python blocks is a mistake, not a choice.
WITH_EXAMPLES = {
    "README.md",
    "docs/api.md",
    "docs/behaviour.md",
    "docs/faults-and-calls.md",
    "docs/lifecycle.md",
    "docs/routing.md",
    "docs/server-mode.md",
}


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _fences(page: Path) -> list[tuple[str, str]]:
    return [(info.strip(), body) for info, body in FENCE.findall(page.read_text("utf-8"))]


def _python(page: Path) -> list[str]:
    return [body for language, body in _fences(page) if language == "python"]


PYTHON_PAGES = [page for page in PAGES if _python(page)]


def test_every_page_with_python_blocks_is_run() -> None:
    # Found independently of the parser above, and in subdirectories of docs/ too.
    candidates = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    with_python = {_name(p) for p in candidates if "```python" in p.read_text("utf-8")}
    assert with_python == {_name(page) for page in PYTHON_PAGES}
    assert with_python >= WITH_EXAMPLES


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_python_is_only_in_python_blocks_and_those_are_tests(page: Path) -> None:
    text = page.read_text("utf-8")
    fences = _fences(page)
    assert text.count("```") == 2 * len(fences), "an unclosed or indented ``` fence"
    assert {language for language, _ in fences} <= LANGUAGES
    for language, body in fences:
        if language == "json":
            json.loads(body)
        if language == "python":
            assert TEST_FUNCTION.search(body), f"a python block without a test:\n{body}"
        else:
            assert not LOOKS_LIKE_PYTHON.search(body), f"Python outside a python block:\n{body}"


def _anchors(page: Path) -> set[str]:
    """GitHub's ids for the page's headings: lower case, punctuation dropped, spaces to '-'."""
    text = FENCE.sub("", page.read_text("utf-8"))
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_relative_links_resolve(page: Path) -> None:
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text("utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = page.parent / path if path else page
        assert linked.exists(), f"{_name(page)} -> {target}: no such file"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked), f"{_name(page)} -> {target}: no such heading"


def test_the_api_reference_covers_every_public_name() -> None:
    import connect_mock

    reference = FENCE.sub("", (ROOT / "docs" / "api.md").read_text("utf-8"))
    spans = re.findall(r"`([^`\n]+)`", reference)
    mentioned = {word for span in spans for word in re.findall(r"\w+", span)}
    assert sorted(set(connect_mock.__all__) - mentioned) == []


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=_name)
def test_python_examples_pass(page: Path, pytester: pytest.Pytester) -> None:
    shutil.copytree(ROOT / "fixtures", pytester.path / "fixtures")
    shutil.copytree(ROOT / "examples", pytester.path / "examples")
    blocks = _python(page)
    stem = re.sub(r"\W", "_", page.stem.lower())
    pytester.makepyfile(**{f"test_{stem}_{index}": block for index, block in enumerate(blocks)})
    result = pytester.runpytest("-p", "no:cacheprovider")
    expected = sum(len(TEST_FUNCTION.findall(block)) for block in blocks)
    assert expected >= len(blocks)
    result.assert_outcomes(passed=expected)
