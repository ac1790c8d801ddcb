"""The connect-mock command."""

from __future__ import annotations

import importlib.metadata
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


def _connect_mock(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("connect-mock")), *args]


@pytest.mark.parametrize("port", ["99999", "65536", "-1"])
def test_serve_refuses_a_port_out_of_range(port: str) -> None:
    # 99999 used to serve on 34463 (the port wrapped around).
    result = subprocess.run(
        _connect_mock("serve", "--port", port), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        f"connect-mock serve: error: argument --port: expected a whole number from 0 to 65535, "
        f"got {port}\n"
    )


def test_sample_ends_quietly_when_its_reader_goes_away() -> None:
    # `connect-mock sample ... | head`: was a BrokenPipeError traceback. 5,000 rows are far more
    # than a pipe holds, so the writer meets the closed pipe whatever the timing.
    process = subprocess.Popen(
        _connect_mock("sample", "US", "DID", "--count", "5000", "--search-limit", "5000"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.readline() == "US DID, seed 0: 5000 number(s)\n"
    process.stdout.close()  # as head does after its lines
    assert process.wait(timeout=120) == 141  # 128 + SIGPIPE, as for any command a pipe ends
    assert process.stderr.read() == ""
    process.stderr.close()


def test_a_count_over_the_search_limit_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "US", "DID", "--count", "250"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("US DID, seed 0: 100 number(s)\n")
    assert err == (
        "connect-mock: a search yields at most 100 numbers (--search-limit); "
        "printing 100, not 250\n"
    )
    assert main(["sample", "US", "DID", "--count", "250", "--search-limit", "250"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("US DID, seed 0: 250 number(s)\n")
    assert len(out.splitlines()) == 2 + 250
    assert err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["sample", "US", "DID", "--count", "abc"],
            "argument --count: expected a whole number >= 1, got 'abc'",
        ),
        (
            ["sample", "US", "DID", "--count", "0"],
            "argument --count: expected a whole number >= 1, got 0",
        ),
        (
            ["sample", "US", "DID", "--search-limit", "1.5"],
            "argument --search-limit: expected a whole number, got '1.5'",
        ),
    ],
)
def test_argument_errors_say_what_is_expected(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # --count abc said "invalid _positive value: 'abc'".
    with pytest.raises(SystemExit) as excinfo:
        main(args)
    assert excinfo.value.code == 2
    assert capsys.readouterr().err.endswith(f"connect-mock sample: error: {message}\n")


def test_version_is_the_installed_distributions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["--version"])
    assert excinfo.value.code == 0
    assert capsys.readouterr().out == f"connect-mock {importlib.metadata.version('connect_mock')}\n"


def test_country_and_type_codes_are_read_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    # `us` listed the ~240 codes the API takes.
    assert main(["sample", "US", "TOLL_FREE", "--seed", "3", "--count", "4"]) == 0
    upper = capsys.readouterr()
    assert main(["sample", "us", "toll_free", "--seed", "3", "--count", "4"]) == 0
    assert capsys.readouterr() == upper
    assert upper.out.startswith("US TOLL_FREE, seed 3: 4 number(s)\n")
