"""`connect-mock serve` and MOTO_PORT, as moto's own server: the default port, and the port moto's
services call back to (Step Functions service integrations, Lambda, Batch, CloudFormation)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

import connect_mock.control.server
from connect_mock.cli import main

CONNECT_MOCK = str(Path(sys.executable).with_name("connect-mock"))


@pytest.fixture
def served_on(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ports `connect-mock serve` is asked to serve on (serve() itself replaced)."""
    ports: list[int] = []

    def serve(host: str, port: int, **options: Any) -> int:
        ports.append(port)
        return 0

    monkeypatch.setattr(connect_mock.control.server, "serve", serve)
    return ports


@pytest.mark.parametrize(
    ("environment", "arguments", "port"),
    [
        (None, [], 5000),
        ("", [], 5000),  # empty is unset, as in moto's settings
        ("5123", [], 5123),
        ("5123", ["--port", "0"], 0),
        ("5123", ["--port", "6000"], 6000),
    ],
)
def test_serve_takes_moto_port_as_its_default_port(
    monkeypatch: pytest.MonkeyPatch,
    served_on: list[int],
    environment: str | None,
    arguments: list[str],
    port: int,
) -> None:
    if environment is None:
        monkeypatch.delenv("MOTO_PORT", raising=False)
    else:
        monkeypatch.setenv("MOTO_PORT", environment)
    assert main(["serve", *arguments]) == 0
    assert served_on == [port]


@pytest.mark.parametrize(("value", "shown"), [("abc", "'abc'"), ("70000", "70000"), ("-1", "-1")])
def test_a_bad_moto_port_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    served_on: list[int],
    value: str,
    shown: str,
) -> None:
    monkeypatch.setenv("MOTO_PORT", value)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        f"connect-mock serve: error: $MOTO_PORT: expected a whole number from 0 to 65535, "
        f"got {shown}\n"
    )
    assert served_on == []
    # --port wins over it, as over a good one.
    assert main(["serve", "--port", "0"]) == 0
    assert served_on == [0]


def _send_message_machine(queue_url: str) -> str:
    """A state machine whose one Task is Step Functions' SQS service integration."""
    return json.dumps(
        {
            "StartAt": "Send",
            "States": {
                "Send": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl": queue_url, "MessageBody": "from step functions"},
                    "End": True,
                }
            },
        }
    )


def test_step_functions_service_integrations_call_back_the_port_served_on() -> None:
    # moto runs a state machine's service integrations (execute_state_machine, moto >= 5.1.21)
    # through a client for http://localhost:$MOTO_PORT. Served on a free port with MOTO_PORT
    # unset, the Task called port 5000 and the execution FAILED ("Could not connect to the
    # endpoint URL"); now MOTO_PORT is the port served on.
    environment = {name: value for name, value in os.environ.items() if name != "MOTO_PORT"}
    process = subprocess.Popen(
        [CONNECT_MOCK, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the server logs every request
        text=True,
        env=environment,
    )
    try:
        assert process.stdout is not None
        endpoint = process.stdout.readline().rsplit(" ", 1)[1].strip()
        assert endpoint.startswith("http://127.0.0.1:")
        requests.post(
            f"{endpoint}/moto-api/config",
            json={"stepfunctions": {"execute_state_machine": True}},
            timeout=30,
        ).raise_for_status()
        session = boto3.session.Session(
            aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1"
        )
        sqs = session.client("sqs", endpoint_url=endpoint)
        stepfunctions = session.client("stepfunctions", endpoint_url=endpoint)
        queue_url = sqs.create_queue(QueueName="callbacks")["QueueUrl"]
        machine = stepfunctions.create_state_machine(
            name="send",
            definition=_send_message_machine(queue_url),
            roleArn="arn:aws:iam::123456789012:role/states",
        )["stateMachineArn"]
        execution = stepfunctions.start_execution(stateMachineArn=machine)["executionArn"]
        deadline = time.monotonic() + 60
        described = stepfunctions.describe_execution(executionArn=execution)
        while described["status"] == "RUNNING" and time.monotonic() < deadline:
            time.sleep(0.1)
            described = stepfunctions.describe_execution(executionArn=execution)
        assert (described["status"], described.get("cause")) == ("SUCCEEDED", None)
        messages = sqs.receive_message(QueueUrl=queue_url)["Messages"]
        assert [message["Body"] for message in messages] == ["from step functions"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
