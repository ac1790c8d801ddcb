"""Fixture and fault files: one format for their errors (bad JSON, not UTF-8, missing), paths
relative to the current directory and named in full, and the marker's paths relative to pytest's
rootdir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from connect_mock import FixtureError, mock_connect

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# --- files: one JSON-error format, relative paths -------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"AvailableNumbersList": [}', "Expecting value at line 1 column 27"),
        # Deeper than any recursion limit: json.loads raises RecursionError, not a decode error.
        ("[" * 100_000 + "]" * 100_000, "it nests too deeply"),
    ],
    ids=["malformed", "nested-too-deeply"],
)
def test_fixture_and_fault_files_report_bad_json_alike(
    tmp_path: Path, text: str, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    expected = f"{bad}: not valid JSON: {problem}"
    with pytest.raises(FixtureError) as fixture_error:
        mock_connect(fixtures=bad)
    with pytest.raises(ValueError, match="not valid JSON") as fault_error:
        mock_connect(faults=bad)
    assert str(fixture_error.value) == expected
    assert str(fault_error.value) == expected


def test_fixture_and_fault_files_that_are_not_utf8_are_refused_alike(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"x": "\xff"}')
    with pytest.raises(FixtureError, match=r"bad\.json: fixture file is not UTF-8 text: "):
        mock_connect(fixtures=bad)
    with pytest.raises(ValueError, match=r"bad\.json: fault file is not UTF-8 text: "):
        mock_connect(faults=bad)


def test_a_relative_path_is_relative_to_the_current_directory_and_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here").mkdir()
    shutil.copy(FIXTURES / "seattle_did.json", tmp_path / "here" / "numbers.json")
    assert ("US", "DID") in mock_connect(fixtures="here/numbers.json").inventories
    with pytest.raises(FixtureError) as missing:
        mock_connect(fixtures="there/numbers.json")
    assert str(missing.value) == (
        f"there/numbers.json: cannot read fixture file (looked for "
        f"{tmp_path / 'there' / 'numbers.json'}): No such file or directory"
    )
    with pytest.raises(ValueError, match="cannot read fault file") as missing_faults:
        mock_connect(faults="there/faults.json")
    assert str(missing_faults.value) == (
        f"there/faults.json: cannot read fault file (looked for "
        f"{tmp_path / 'there' / 'faults.json'}): No such file or directory"
    )


MARKER_PATHS = """
import pytest

@pytest.mark.connect_mock(fixtures="data/numbers.json", faults=["data/faults.json"])
def test_marker_paths_are_from_the_rootdir(connect_mock_controller):
    assert ("US", "DID") in connect_mock_controller.inventories
    assert [rule.operation for rule in connect_mock_controller.faults] == ["ListInstances"]

@pytest.mark.connect_mock(fixtures="data/absent.json")
def test_a_missing_file_is_named_in_full(connect_mock_controller):
    pass
"""


def test_marker_paths_are_relative_to_the_rootdir(pytester: pytest.Pytester) -> None:
    (pytester.path / "data").mkdir()
    shutil.copy(FIXTURES / "seattle_did.json", pytester.path / "data" / "numbers.json")
    (pytester.path / "data" / "faults.json").write_text(
        '{"operation": "ListInstances", "error": "InternalServiceException"}'
    )
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "test_marker.py").write_text(MARKER_PATHS)
    (pytester.path / "pytest.ini").write_text("[pytest]\n")
    # Started from a subdirectory: the paths are still the rootdir's.
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", str(pytester.path / "tests"), "--rootdir", str(pytester.path)
    )
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [f"*FixtureError: {pytester.path / 'data' / 'absent.json'}: cannot read fixture file: *"]
    )
