"""One configuration, validated once, whichever way a mock is configured."""

from __future__ import annotations

import inspect
import json
import re
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

from connect_mock import ConnectMock, RemoteConnectMock, RemoteError, mock_connect
from connect_mock.cli import build_parser, main
from connect_mock.config import (
    OPTIONS,
    SEED_ENVIRONMENT_VARIABLE,
    SETTABLE,
    MockConfig,
    default_seed,
)
from connect_mock.control.endpoints import config_endpoint, faults_endpoint
from connect_mock.faults import FaultSpec

ROOT = Path(__file__).resolve().parent.parent

BAD = [
    ({"seed": -1}, ValueError, "seed must be at least 0, got -1"),
    ({"seed": "7"}, TypeError, "seed must be an int, not str"),
    ({"search_limit": 0}, ValueError, "search_limit must be at least 1, got 0"),
    ({"phone_number_quota": -2}, ValueError, "phone_number_quota must be at least 0, got -2"),
    ({"phone_number_quota": 1.5}, TypeError, "phone_number_quota must be an int, not float"),
    (
        {"claim_release_limit": "no"},
        TypeError,
        "claim_release_limit must be True or False, not str",
    ),
]


@pytest.mark.parametrize(("options", "kind", "message"), BAD)
def test_mock_connect_and_the_config_endpoint_refuse_alike(
    options: dict[str, Any], kind: type[Exception], message: str
) -> None:
    with pytest.raises(kind, match=f"^{message}$"):
        mock_connect(**options)
    status, _, body = config_endpoint("POST", json.dumps(options).encode())
    assert (status, json.loads(body)) == (400, {"Message": message})


def test_a_refused_config_post_changes_nothing(connect_server: RemoteConnectMock) -> None:
    connect_server.configure(seed=4, search_limit=7)
    with pytest.raises(RemoteError, match=r"^search_limit must be at least 1, got 0$"):
        connect_server.configure(seed=9, search_limit=0)
    with pytest.raises(RemoteError, match="unknown option"):
        connect_server.configure(seed=9, colour=1)
    assert (connect_server.config["seed"], connect_server.config["search_limit"]) == (4, 7)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sample", "US", "DID", "--seed", "-1"], "seed must be at least 0, got -1"),
        (["sample", "US", "DID", "--search-limit", "0"], "search_limit must be at least 1, got 0"),
        (["serve", "--port", "0", "--seed", str(2**63)], "seed must be at most"),
        (["serve", "--port", "0", "--phone-number-quota", "-1"], "phone_number_quota must be at"),
        (["serve", "--port", "0", "--call-log-limit", "-5"], "call_log_limit must be at least 0"),
    ],
)
def test_the_cli_refuses_with_the_same_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A usage error in argparse's form, naming the flag, with the configuration's own words.
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    flag = argv[-2]
    assert f"connect-mock {argv[0]}: error: argument {flag}: {message}" in capsys.readouterr().err


def test_fault_files_are_read_once_at_configuration(tmp_path: Path) -> None:
    rules = tmp_path / "faults.json"
    rules.write_text(
        json.dumps({"operation": "ListInstances", "error": "InternalServiceException"})
    )
    config = MockConfig.create(faults=rules)
    rules.unlink()  # each run loads the rules from the configuration, not from the file
    with mock_connect(faults=config.fault_rules) as cm:
        assert [rule.operation for rule in cm.faults] == ["ListInstances"]
    assert config.fault_rules == (FaultSpec("ListInstances", "InternalServiceException"),)


def test_a_bad_rule_names_its_file_and_index(tmp_path: Path) -> None:
    rules = tmp_path / "faults.json"
    rules.write_text(json.dumps([{"operation": "ListInstances", "colour": "red"}]))
    with pytest.raises(ValueError, match=rf"^{rules}\[0\]: unknown key\(s\) 'colour'"):
        MockConfig.create(faults=rules)


def test_a_control_request_cannot_name_a_server_file(tmp_path: Path) -> None:
    """Fault files are read from the constructor, the marker or the command line only: a JSON
    string posted to /faults is refused, never opened, whatever it names."""
    rules = tmp_path / "faults.json"
    rules.write_text(
        json.dumps({"operation": "ListInstances", "error": "InternalServiceException"})
    )
    with mock_connect() as cm:
        for name in (str(rules), str(tmp_path / "missing.json")):
            status, _, body = faults_endpoint("POST", json.dumps(name).encode())
            assert (status, json.loads(body)) == (
                400,
                {"Message": "<fault rules>: expected a rule object or a list of rule objects"},
            )
        assert list(cm.faults) == []


# --- one declaration of the options (config.OPTIONS) -----------------------------------------


def _keywords(function: Any) -> list[tuple[str, Any, Any]]:
    parameters = inspect.signature(function).parameters.values()
    return [(p.name, p.kind, p.annotation) for p in parameters if p.name not in ("self", "target")]


def test_the_typed_signatures_take_the_declared_options() -> None:
    """``ConnectMock`` and ``mock_connect``'s typed overload take ``**options`` typed by the
    declaration (``Unpack[Options]``), so type checkers and IDEs know every option and its
    type from the one place they are declared."""
    declared = [("options", inspect.Parameter.VAR_KEYWORD, "Unpack[Options]")]
    assert _keywords(ConnectMock.__init__) == declared
    if sys.version_info >= (3, 11):  # typing.get_overloads is Python 3.11+
        typed = [f for f in typing.get_overloads(mock_connect) if _keywords(f) == declared]
        assert len(typed) == 1


def test_the_configurations_defaults_are_the_options_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SEED_ENVIRONMENT_VARIABLE, raising=False)
    assert MockConfig.create() == MockConfig()
    for option in OPTIONS.values():
        if option.kind != "files" and option.default is not None:
            assert getattr(MockConfig(), option.name) == option.default


def test_serve_takes_the_declared_flags_with_the_declared_defaults() -> None:
    serve = build_parser().parse_args(["serve"]).parser
    flags = [action.option_strings[0] for action in serve._actions if action.dest in OPTIONS]
    assert flags == [option.flag for option in OPTIONS.values() if option.serve]
    defaults = vars(serve.parse_args([]))
    for option in OPTIONS.values():
        if option.serve:
            expected = option.default if option.flag_default is None else option.flag_default
            assert defaults[option.name] == expected, option.name


def test_the_config_endpoint_sets_the_settable_options() -> None:
    with mock_connect():
        status, _, body = config_endpoint("GET", b"")
        assert (status, list(json.loads(body))) == (200, [*SETTABLE, "now"])
        for option in OPTIONS.values():
            document = json.dumps({option.name: None}).encode()
            status, _, body = config_endpoint("POST", document)
            message = json.loads(body)["Message"]
            assert status == 400
            # Not settable: refused by name; settable: by its value's check.
            assert message.startswith("unknown option(s)") is (not option.settable)


def test_a_misspelt_option_says_which_was_meant() -> None:
    with pytest.raises(
        TypeError,
        match=r"^mock_connect\(\) got an unexpected keyword argument 'serch_limit' "
        r"\(did you mean 'search_limit'\?\)$",
    ):
        mock_connect(serch_limit=5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"^MockConfig.create\(\) got an unexpected keyword "):
        MockConfig.create(colour="red")  # type: ignore[call-arg]


def test_a_misspelt_marker_option_says_which_was_meant(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.connect_mock(phone_number_quotas=1)
        def test_typo(connect_server):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*TypeError: @pytest.mark.connect_mock: unexpected keyword argument "
            "'phone_number_quotas'; it takes mock_connect's options: *",
            "E * (did you mean 'phone_number_quota'?)",
        ]
    )


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, int) and not isinstance(value, bool):
        return f"`{value:_}`"
    return f"`{value!r}`"


def option_table() -> str:
    """docs/api.md's option table, from the declaration."""
    rows = [
        "| option | default | meaning | `connect-mock serve` | `POST /config` |",
        "| --- | --- | --- | --- | --- |",
    ]
    for option in OPTIONS.values():
        meaning = option.help + (f" (≥ {option.minimum})" if option.kind == "count" else "")
        flag = "no"
        if option.serve:
            flag = f"`{option.flag}`"
            if option.flag_default is not None:
                flag += f" (default {option.flag_default})"
        settable = "yes" if option.settable else "no"
        rows.append(
            f"| `{option.name}` | {_shown(option.default)} | {meaning} | {flag} | {settable} |"
        )
    return "\n".join(rows) + "\n"


def signature_line() -> str:
    """How docs/api.md writes mock_connect's signature, from the declaration."""
    options = ", ".join(f"{o.name}={_shown(o.default).strip('`')}" for o in OPTIONS.values())
    return f"mock_connect(*, {options})"


def test_the_docs_option_table_is_the_declaration() -> None:
    api = (ROOT / "docs" / "api.md").read_text("utf-8")
    assert option_table() in api, "docs/api.md's option table should be:\n" + option_table()
    # The signature above it, as one line of text (the page wraps it).
    assert signature_line() in " ".join(api.replace("`", "").split())


def test_the_server_docs_list_the_declared_flags_and_settable_options() -> None:
    page = (ROOT / "docs" / "server-mode.md").read_text("utf-8")
    synopsis = re.search(r"^`connect-mock serve (\[.*?)` runs", page, re.M | re.S)
    assert synopsis is not None
    flags = re.findall(r"\[(--[a-z-]+)", synopsis.group(1))
    declared = [option.flag for option in OPTIONS.values() if option.serve]
    assert flags == ["--host", "--port", *declared]
    settable = ", ".join(f"`{name}`" for name in SETTABLE)
    assert f"set any of {settable} (an empty body sets none)" in page


# --- one stack of running mocks (runtime.in_force) ----------------------------------------------


def _now() -> str:
    status, _, body = config_endpoint("GET", b"")
    assert status == 200
    now: str = json.loads(body)["now"]
    return now


def test_config_under_plain_mock_aws_carries_time_on_as_everywhere_else() -> None:
    from moto import mock_aws

    import connect_mock

    with mock_aws():
        cm = connect_mock.current()
        cm.clock.advance(100)
        advanced = _now()
        status, _, _ = config_endpoint("POST", b'{"seed": 3}')
        assert status == 200
        # The mock in force was reconfigured, not replaced: its clock, and a controller taken
        # before, carry on.
        assert (_now(), cm.seed, connect_mock.current().seed) == (advanced, 3, 3)
    with mock_aws():  # moto's reset: what /config set is gone
        assert connect_mock.current().seed == default_seed()


def test_current_and_the_requests_find_the_same_mock() -> None:
    import connect_mock
    from connect_mock import runtime

    with mock_connect(seed=1) as outer:
        with mock_connect(seed=2) as inner:
            assert connect_mock.current() is inner
            assert runtime.in_force() is inner._runtime
        assert connect_mock.current() is outer
        assert runtime.in_force() is outer._runtime
    with pytest.raises(RuntimeError, match=r"^no connect_mock is running"):
        connect_mock.current()
