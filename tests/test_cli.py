"""The connect-mock command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from connect_mock.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_sample_prints_a_readable_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "US", "DID", "--prefix", "+1206", "--seed", "4", "--count", "12"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "US DID prefix +1206, seed 4: 12 number(s)"
    assert lines[1].split() == ["#", "PhoneNumber", "International", "format", "Region"]
    rows = [line.split() for line in lines[2:]]
    assert [row[0] for row in rows] == [str(i) for i in range(1, 13)]
    for row in rows:
        assert row[1].startswith("+1206")
        assert row[2] == "+1"
        assert row[3].startswith("206-")
        assert row[3].replace("-", "") == row[1][2:]
        assert row[4] == "US"


def test_sample_is_deterministic_and_matches_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    main(["sample", "GB", "TOLL_FREE", "--seed", "4"])
    first = capsys.readouterr().out
    main(["sample", "GB", "TOLL_FREE", "--seed", "4"])
    assert capsys.readouterr().out == first
    main(["sample", "GB", "TOLL_FREE", "--seed", "5"])
    assert capsys.readouterr().out != first


def test_sample_reads_fixtures(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["sample", "US", "THIRD_PARTY_TF", "--fixtures", str(FIXTURES / "partner_numbers.json")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "US THIRD_PARTY_TF, seed 0: 2 number(s)" in out
    assert "+18885550100" in out
    assert "+18885550101" in out


def test_sample_reports_the_services_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "XX", "DID"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "InvalidParameterException: 1 validation error detected: Value 'XX' at "
        "'PhoneNumberCountryCode'"
    )


def test_sample_reports_a_bad_fixture_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"AvailableNumbersList": [{"PhoneNumber": "x"}]}')
    assert main(["sample", "US", "DID", "--fixtures", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"connect-mock: {bad}: AvailableNumbersList[0]")


def test_an_empty_answer_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "AQ", "DID"]) == 0
    assert capsys.readouterr().out == "AQ DID, seed 0: 0 number(s)\n"


@pytest.mark.parametrize("command", [["connect-mock"], [sys.executable, "-m", "connect_mock"]])
def test_both_entry_points_run(command: list[str]) -> None:
    if command[0] == "connect-mock":
        command = [str(Path(sys.executable).with_name("connect-mock"))]
    result = subprocess.run(
        [*command, "sample", "US", "TOLL_FREE", "--count", "2", "--seed", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.startswith("US TOLL_FREE, seed 1: 2 number(s)\n")


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["sample", "US", "DID", "--count", "0"])
    assert excinfo.value.code == 2
