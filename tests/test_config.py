"""One configuration, validated once, whichever way a mock is configured."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from connect_mock import RemoteConnectMock, RemoteError, mock_connect
from connect_mock.cli import main
from connect_mock.config import OPTIONS, MockConfig
from connect_mock.control.endpoints import config_endpoint, faults_endpoint
from connect_mock.faults import FaultSpec

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


def test_every_entry_point_takes_the_same_options_with_the_same_defaults() -> None:
    # The keyword lists are written out three times for typed signatures; this keeps them one.
    import ast
    import inspect

    from connect_mock import ConnectMock
    from connect_mock import mock as mock_module

    def keywords(function: Any) -> dict[str, Any]:
        parameters = inspect.signature(function).parameters.values()
        return {p.name: p.default for p in parameters if p.kind is p.KEYWORD_ONLY}

    expected = keywords(MockConfig.create)
    assert list(expected) == list(OPTIONS)
    assert keywords(ConnectMock.__init__) == expected
    # mock_connect's typed overload (typing.get_overloads is Python 3.11+): read from source.
    tree = ast.parse(inspect.getsource(mock_module))
    overloads = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "mock_connect" and node.decorator_list
    ]
    typed = [node.args for node in overloads if node.args.kwonlyargs]
    assert len(typed) == 1
    names = [argument.arg for argument in typed[0].kwonlyargs]
    defaults = [
        eval(ast.unparse(default), vars(mock_module))  # names such as DEFAULT_SEARCH_LIMIT
        for default in typed[0].kw_defaults
        if default is not None
    ]
    assert names == list(expected)
    assert defaults == list(expected.values())
