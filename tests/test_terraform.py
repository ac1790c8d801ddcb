"""Terraform, a client nobody here wrote: the configuration of docs/terraform.md applied, changed
and destroyed against the server with the hashicorp/aws provider, checked over the API; a number
is routed to the Terraform-made flow with boto3 in between (provider 5.100 has no association
resource).

Where the time goes, and why the provider is reattached: Terraform calls the provider's
ValidateProviderConfig in each of a command's walks (validate, plan, apply: two or three a
command). The SDK runs ``InternalValidate`` over the provider's ~1,600 resource and data-source
schemas every time, a few CPU seconds each. The mock's answers take milliseconds. Terraform also
starts a fresh provider (a 700 MB binary) for every walk, and each one fetches its schema again.
So the test starts the provider once, in its documented debug mode (``-debug`` prints
``TF_REATTACH_PROVIDERS``), and every command attaches to it. Run after ``init``, it is the binary
that init installed from the filesystem mirror through docs/terraform.md's CLI configuration (init
itself starts no provider, and runs without the variable, so it installs as a user's would). The
provider runs with ``GOGC=400``, and so does Terraform. Materializing the schemas is
allocation-heavy, and this takes about 30% off the provider's CPU time for ~200 MB more memory.
The state is read with ``terraform state pull``, which needs no provider (``show -json`` asks the
provider for its schema). ``destroy`` runs with ``-refresh=false``, which skips a refresh walk that
would repeat the clean re-plan's reads just before.

What this does not cover: Terraform starting and stopping the provider itself (every real run does
that; init's installation is still covered). One provider process also serves several
configurations, where Terraform would give each walk a new process. That is how provider debuggers
and in-process acceptance tests run it, and every read still goes to the server: the clean
re-plans refresh each resource over the API. ``AWS_CA_BUNDLE`` is left out of the provider's
environment. With it set, provider 5.100 fails its second configuration in one process ("unable to
add custom RootCAs HTTPClient"), and the endpoint is plain HTTP on loopback, so no CA is used.

Skipped, saying why, where ``terraform`` or the provider's filesystem mirror is absent."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from connect_mock import RemoteConnectMock
from tests.helpers import connect_client

PAGE = Path(__file__).resolve().parent.parent / "docs" / "terraform.md"
HCL = re.compile(r"^```hcl\n(.*?)^```[ \t]*$", re.M | re.S)
PROVIDER = "registry.terraform.io/hashicorp/aws"
REATTACH = re.compile(r"TF_REATTACH_PROVIDERS='(.*)'")
# Go's garbage collector at a quarter of its default pace (100): see the module docstring.
GOGC = "400"


def _blocks() -> tuple[str, str]:
    """(main.tf, the CLI configuration) as docs/terraform.md writes them."""
    blocks = HCL.findall(PAGE.read_text("utf-8"))
    main = [block for block in blocks if 'resource "aws_connect_instance"' in block]
    cli = [block for block in blocks if "provider_installation" in block]
    assert len(main) == 1, "docs/terraform.md: one main.tf"
    assert len(cli) == 1, "docs/terraform.md: one CLI configuration"
    return main[0], cli[0]


MAIN_TF, CLI_CONFIG = _blocks()
MIRROR = Path(re.search(r'path\s*=\s*"([^"]+)"', CLI_CONFIG)[1])  # type: ignore[index]
VERSION = re.search(r'version\s*=\s*"([^"]+)"', MAIN_TF)[1]  # type: ignore[index]


def _missing() -> str | None:
    if shutil.which("terraform") is None:
        return "terraform is not on the PATH"
    if not (MIRROR / PROVIDER / VERSION).is_dir():
        return f"no hashicorp/aws {VERSION} provider in the filesystem mirror {MIRROR}"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


class Terraform:
    """``terraform`` in one working directory, offline, its state and caches there too."""

    def __init__(self, directory: Path, endpoint: str) -> None:
        self.directory = directory
        (directory / "main.tf").write_text(MAIN_TF, "utf-8")
        (directory / "cli.tfrc").write_text(CLI_CONFIG, "utf-8")
        (directory / "plugin-cache").mkdir()
        self.endpoint = endpoint
        self.env = {
            **os.environ,
            "TF_CLI_CONFIG_FILE": str(directory / "cli.tfrc"),
            "TF_DATA_DIR": str(directory / ".terraform"),
            "TF_PLUGIN_CACHE_DIR": str(directory / "plugin-cache"),
            "TF_IN_AUTOMATION": "1",
            "CHECKPOINT_DISABLE": "1",  # no version check over the network
            "GOGC": GOGC,
        }

    def installed_provider(self) -> Path:
        """The provider binary ``terraform init`` installed for this directory."""
        found = sorted(
            (self.directory / ".terraform" / "providers" / PROVIDER / VERSION).glob(
                "*/terraform-provider-aws_*"
            )
        )
        assert len(found) == 1, f"terraform init installed one hashicorp/aws {VERSION}: {found}"
        return found[0]

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["terraform", *command, "-no-color"],
            cwd=self.directory,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def run(self, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
        """A command taking the configuration's variables (the endpoint always)."""
        command = [*args, "-input=false"]
        for name, value in {"endpoint": self.endpoint, **variables}.items():
            command += ["-var", f"{name}={value}"]
        return self._run(*command)

    def ok(self, *args: str, **variables: str) -> str:
        done = self.run(*args, **variables) if args[0] != "init" else self._run(*args)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def unchanged(self, **variables: str) -> None:
        """``plan -detailed-exitcode`` finds nothing to change (exit code 0; 2: changes)."""
        done = self.run("plan", "-detailed-exitcode", **variables)
        assert done.returncode == 0, done.stdout + done.stderr

    def state(self) -> dict[str, Any]:
        """Each resource's attributes by address, from the state ``terraform state pull`` prints."""
        done = self._run("state", "pull")
        assert done.returncode == 0, done.stderr
        state = json.loads(done.stdout)
        assert state["version"] == 4, "the state format this reads"
        attributes = {}
        for item in state["resources"]:
            prefix = "data." if item["mode"] == "data" else ""
            (instance,) = item["instances"]  # no count or for_each in main.tf
            attributes[f"{prefix}{item['type']}.{item['name']}"] = instance["attributes"]
        return attributes


def _reattach(process: subprocess.Popen[bytes], stdout: Path, log: Path) -> str:
    """The ``TF_REATTACH_PROVIDERS`` value the debug-mode provider prints once it serves."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = REATTACH.search(stdout.read_text("utf-8", "replace"))
        if found:
            assert PROVIDER in json.loads(found[1]), found[1]
            return found[1]
        if process.poll() is not None:
            tail = log.read_text("utf-8", "replace")[-2000:]
            raise AssertionError(f"the provider exited ({process.returncode}): {tail}")
        time.sleep(0.05)
    raise AssertionError(f"the provider printed no TF_REATTACH_PROVIDERS in 120 s: {stdout}")


@contextmanager
def _debug_provider(binary: Path, log: Path) -> Iterator[str]:
    """The provider serving in debug mode until the block ends; yields its reattach value."""
    # Its Unix socket goes in TMPDIR. A directory of its own keeps the path short (a socket path
    # is limited to ~107 bytes) and is removed with whatever socket is left in it.
    sockets = Path(tempfile.mkdtemp(prefix="tf-provider-"))
    env = {name: value for name, value in os.environ.items() if name != "AWS_CA_BUNDLE"}
    env.update(TMPDIR=str(sockets), GOGC=GOGC)
    stdout = sockets / "stdout"
    # In debug mode the provider serves until it is stopped. Should pytest itself be killed
    # (its cleanup never runs), util-linux's setpriv has the kernel send it SIGTERM; setpriv
    # execs the provider, so the process stopped below is the provider's.
    setpriv = shutil.which("setpriv")
    orphan_guard = [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
    try:
        with stdout.open("wb") as out, log.open("wb") as err:
            process = subprocess.Popen(
                [*orphan_guard, str(binary), "-debug"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=env,
            )
        try:
            yield _reattach(process, stdout, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


@pytest.fixture
def terraform(tmp_path: Path, connect_server: RemoteConnectMock) -> Iterator[Terraform]:
    """Terraform initialized in ``tmp_path``, every command attached to one provider process."""
    terraform = Terraform(tmp_path, connect_server.endpoint)
    # Without the variable: init installs the provider from the mirror (a reattached one it skips).
    terraform.ok("init", "-input=false")
    with _debug_provider(terraform.installed_provider(), tmp_path / "provider.log") as reattach:
        terraform.env["TF_REATTACH_PROVIDERS"] = reattach
        yield terraform


def test_terraform_applies_changes_and_destroys_instances_numbers_and_flows(
    terraform: Terraform, connect_server: RemoteConnectMock
) -> None:
    client = connect_client(endpoint=connect_server.endpoint)

    terraform.ok("apply", "-auto-approve")
    terraform.unchanged()
    state = terraform.state()
    primary = state["aws_connect_instance.primary"]
    secondary = state["aws_connect_instance.secondary"]
    sales_id = state["aws_connect_phone_number.sales"]["id"]
    support = state["aws_connect_phone_number.support"]
    assert {primary["status"], secondary["status"]} == {"ACTIVE"}
    assert (primary["outbound_calls_enabled"], secondary["outbound_calls_enabled"]) == (True, False)
    assert support["phone_number"].startswith("+1206")
    claimed = client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert {(n["PhoneNumberId"], n["TargetArn"]) for n in claimed} == {
        (support["id"], primary["arn"]),
        (sales_id, primary["arn"]),
    }
    # The provider set and read every attribute it manages: they are the instance's now.
    attribute = client.describe_instance_attribute(
        InstanceId=secondary["id"], AttributeType="OUTBOUND_CALLS"
    )["Attribute"]
    assert attribute == {"AttributeType": "OUTBOUND_CALLS", "Value": "false"}

    # The flow is published with the configuration's content, read back as sent (the clean plan
    # above compared it); the data source found the instance's sample flow by name.
    welcome = state["aws_connect_contact_flow.welcome"]
    flow = client.describe_contact_flow(
        InstanceId=primary["id"], ContactFlowId=welcome["contact_flow_id"]
    )["ContactFlow"]
    assert (flow["Content"], flow["Status"], flow["State"], flow["Tags"]) == (
        welcome["content"],
        "PUBLISHED",
        "ACTIVE",
        {"team": "support"},
    )
    assert json.loads(flow["Content"])["StartAction"] == "greeting"
    sample = state["data.aws_connect_contact_flow.sample_inbound"]
    flows = client.list_contact_flows(InstanceId=primary["id"], ContactFlowTypes=["CONTACT_FLOW"])
    by_name = {f["Name"]: f["Arn"] for f in flows["ContactFlowSummaryList"]}
    assert by_name["Sample inbound flow (first contact experience)"] == sample["arn"]
    assert by_name["Welcome"] == welcome["arn"]

    # Routed outside Terraform: the association is no attribute of either resource, so the
    # re-plan after the next apply is clean with it.
    client.associate_phone_number_contact_flow(
        PhoneNumberId=support["id"],
        InstanceId=primary["id"],
        ContactFlowId=welcome["contact_flow_id"],
    )
    routed = client.list_flow_associations(
        InstanceId=primary["id"], ResourceType="VOICE_PHONE_NUMBER"
    )["FlowAssociationSummaryList"]
    assert routed == [
        {
            "ResourceId": support["arn"],
            "FlowId": welcome["arn"],
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]

    changed = {"sales_instance": "secondary", "team": "voice"}
    terraform.ok("apply", "-auto-approve", **changed)
    terraform.unchanged(**changed)
    sales = client.describe_phone_number(PhoneNumberId=sales_id)["ClaimedPhoneNumberSummary"]
    assert (sales["TargetArn"], sales["Tags"]) == (
        secondary["arn"],
        {"team": "voice", "line": "sales"},
    )
    assert client.list_tags_for_resource(resourceArn=support["arn"])["tags"] == {"team": "voice"}
    assert client.list_tags_for_resource(resourceArn=welcome["arn"])["tags"] == {"team": "voice"}
    assert (
        client.list_flow_associations(InstanceId=primary["id"], ResourceType="VOICE_PHONE_NUMBER")[
            "FlowAssociationSummaryList"
        ]
        == routed
    )

    connect_server.clear_calls()
    # -refresh=false: the clean plan above just read every resource back, and a refresh would be
    # a whole plan walk of its own before the destroy plan (a fourth provider configuration).
    terraform.ok("destroy", "-auto-approve", "-refresh=false", **changed)
    # The routed number went first (it depends_on the flow), its release dropped the
    # association, and the flow was deleted, not refused as in use.
    watched = {
        ("ReleasePhoneNumber", "PhoneNumberId", support["id"]),
        ("DeleteContactFlow", "ContactFlowId", welcome["contact_flow_id"]),
    }
    order = [
        (call.operation, call.status)
        for call in connect_server.calls
        for operation, key, value in watched
        if call.operation == operation and call.params.get(key) == value
    ]
    assert order == [("ReleasePhoneNumber", 200), ("DeleteContactFlow", 200)]
    assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert client.list_instances()["InstanceSummaryList"] == []
    for number_id in (sales_id, support["id"]):
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.describe_phone_number(PhoneNumberId=number_id)
