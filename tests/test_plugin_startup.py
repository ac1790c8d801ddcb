"""Installing connect_mock changes nothing a moto user relies on: the pytest plugin loads nothing of
moto or botocore when pytest starts, so moto reads its settings from wherever the suite sets them;
and every way to start a mock still works in a fresh process.

Each project runs in a subprocess (``runpytest_subprocess``): in this process moto is imported
already, and an in-process run would import nothing afresh. Those sessions skip the faker and
hypothesis plugins (``UNUSED_PLUGINS``: most of a session's start-up), which import nothing of AWS
either.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.helpers import UNUSED_PLUGINS
from tests.test_plugin import SEARCH

pytestmark = pytest.mark.usefixtures("unmeasured_subprocesses")

pytest_plugins = ["pytester"]

# Two settings moto reads once, when it is imported (moto.settings). MOTO_ENABLE_AMI_VALIDATION,
# read the same way, was a third: its check built moto's EC2 backend, most of each session's
# cost, and proved nothing these two do not.
SETTINGS = {
    "MOTO_ACM_VALIDATION_WAIT": "5",
    "S3_UPLOAD_PART_MIN_SIZE": "256",
}
SET_IN_CONFTEST = "import os\n" + "".join(
    f"os.environ[{name!r}] = {value!r}\n" for name, value in SETTINGS.items()
)
# What a suite with those settings relies on (each fails with moto's defaults).
SETTINGS_TESTS = """
import datetime

import boto3
import moto.acm.models
from moto import mock_aws


@mock_aws
def test_a_certificate_is_issued_after_five_seconds(monkeypatch):
    acm = boto3.client("acm", region_name="us-east-1")
    arn = acm.request_certificate(DomainName="example.com")["CertificateArn"]
    later = moto.acm.models.utcnow() + datetime.timedelta(seconds=6)
    monkeypatch.setattr(moto.acm.models, "utcnow", lambda: later)
    certificate = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    assert certificate["Status"] == "ISSUED"


@mock_aws
def test_parts_of_256_bytes_complete_an_upload():
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="parts")
    upload = s3.create_multipart_upload(Bucket="parts", Key="k")["UploadId"]
    parts = []
    for number, body in ((1, b"a" * 256), (2, b"b")):
        etag = s3.upload_part(
            Bucket="parts", Key="k", UploadId=upload, PartNumber=number, Body=body
        )["ETag"]
        parts.append({"PartNumber": number, "ETag": etag})
    s3.complete_multipart_upload(
        Bucket="parts", Key="k", UploadId=upload, MultipartUpload={"Parts": parts}
    )
    assert s3.get_object(Bucket="parts", Key="k")["Body"].read() == b"a" * 256 + b"b"
"""


def _root_conftest(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(SET_IN_CONFTEST)
    pytester.makepyfile(test_settings=SETTINGS_TESTS)


def _subdirectory_conftest(pytester: pytest.Pytester) -> None:
    # The root conftest runs before the sub-directory's, which sets them before its own test
    # modules import moto.
    pytester.makeconftest("ROOT_CONFTEST = True\n")
    sub = pytester.mkpydir("aws")
    (sub / "conftest.py").write_text(SET_IN_CONFTEST)
    (sub / "test_settings.py").write_text(SETTINGS_TESTS)


def _pytest_env(pytester: pytest.Pytester) -> None:
    lines = "".join(f"    {name}={value}\n" for name, value in SETTINGS.items())
    pytester.makeini(f"[pytest]\nenv =\n{lines}")
    pytester.makepyfile(test_settings=SETTINGS_TESTS)


PROJECTS = {
    "root-conftest": _root_conftest,
    "subdirectory-conftest": _subdirectory_conftest,
    "pytest-env": _pytest_env,
}


# Every layout with the plugin; one without it, the control that the generated tests pass on
# moto alone (the layouts differ only in where the settings are set, which moto never sees).
@pytest.mark.parametrize(
    ("project", "plugin"), [(project, "on") for project in PROJECTS] + [("root-conftest", "off")]
)
def test_moto_settings_of_the_suite_are_honoured(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, project: str, plugin: str
) -> None:
    # Once, the plugin imported moto before any conftest or pytest-env ran: these failed with
    # it (PENDING_VALIDATION, EntityTooSmall), and passed with -p no:connect_mock.
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    PROJECTS[project](pytester)
    args = ["-p", "no:cacheprovider", *UNUSED_PLUGINS]
    args += ["-p", "no:connect_mock"] if plugin == "off" else []
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(passed=2)


EVERY_WAY_CONFTEST = """
import sys

# What the plugin had imported by the time pytest loaded this conftest.
LOADED_AT_START = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("moto", "botocore", "boto3", "werkzeug", "responses", "flask")
)
MOTO_SERVER = {}


def pytest_sessionstart(session):
    # moto's own server, started before any test: it loads moto's Connect routes on its first
    # Connect request, and gets ours then.
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    MOTO_SERVER["server"] = server
    MOTO_SERVER["endpoint"] = "http://%s:%d" % server.get_host_and_port()


def pytest_sessionfinish(session):
    MOTO_SERVER["server"].stop()
"""
EVERY_WAY_TESTS = """
import sys

import pytest
from moto import mock_aws

from conftest import LOADED_AT_START
from searchlib import search

seen = {}


def test_the_plugin_loaded_nothing_of_aws():
    assert LOADED_AT_START == []


@mock_aws
def test_plain_mock_aws_serves_connect_with_no_import():
    assert "connect_mock.mock" not in sys.modules  # nothing of ours beyond the plugin yet
    seen["plain"] = search()
    assert len(seen["plain"]) == 3


def test_the_fixture_takes_the_session_seed(connect_mock_controller):
    assert connect_mock_controller.seed == 7
    assert search() == seen["plain"]


@pytest.mark.connect_mock(seed=8)
def test_the_marker_sets_the_fixtures_options(connect_mock_controller):
    assert connect_mock_controller.seed == 8
    assert search() != seen["plain"]


def test_connect_instance(connect_instance):
    page = connect_instance.client.search_available_phone_numbers(
        TargetArn=connect_instance.instance_arn,
        PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=3,
    )
    assert [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]] == seen["plain"]


def test_connect_server(connect_server):
    assert search() == seen["plain"]
    assert [call.operation for call in connect_server.calls][-1] == (
        "SearchAvailablePhoneNumbers"
    )


def test_a_moto_server_a_conftest_started(monkeypatch):
    from conftest import MOTO_SERVER

    monkeypatch.setenv("AWS_ENDPOINT_URL_CONNECT", MOTO_SERVER["endpoint"])
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "x")
    assert search() == seen["plain"]


def test_mock_connect():
    from connect_mock import mock_connect

    with mock_connect(seed=7):
        assert search() == seen["plain"]
"""


def test_every_way_to_start_a_mock_works_in_a_fresh_process(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(EVERY_WAY_CONFTEST)
    pytester.makepyfile(searchlib=SEARCH, test_every_way=EVERY_WAY_TESTS)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:randomly", *UNUSED_PLUGINS, "--connect-mock-seed", "7"
    )
    result.assert_outcomes(passed=8)


def _fresh(prelude: str) -> str:
    """What a fresh interpreter prints running ``prelude`` then a Connect search in mock_aws."""
    code = textwrap.dedent(prelude) + textwrap.dedent(SEARCH_IN_SCRIPT)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


# A Connect search under mock_aws, and a request to our control endpoints.
SEARCH_IN_SCRIPT = (
    SEARCH
    + """
with mock_aws():
    print(len(search()))
    print(requests.get("http://motoapi.amazonaws.com/moto-api/connect-mock/config").status_code)
"""
)


def test_import_connect_mock_loads_nothing_of_aws_and_serves_moto_imported_after() -> None:
    out = _fresh(
        """
        import sys
        import connect_mock, connect_mock.plugin
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("moto", "botocore", "boto3")))
        import boto3, requests
        from moto import mock_aws
        """
    )
    assert out.split("\n") == ["[]", "3", "200", ""]


def test_import_connect_mock_after_moto_serves_at_once() -> None:
    # moto's Connect and /moto-api routes are loaded already: ours are added on import.
    out = _fresh(
        """
        import boto3, requests
        import moto.connect.urls, moto.moto_api._internal.urls
        from moto import mock_aws
        import connect_mock
        """
    )
    assert out.split("\n") == ["3", "200", ""]


def test_a_fresh_import_of_motos_routes_gets_ours_again() -> None:
    # A test that removes moto's modules from sys.modules (pytester's in-process runs do)
    # imports them afresh: our routes are added to the new ones.
    out = _fresh(
        """
        import sys
        import boto3, requests
        import connect_mock
        import moto.connect.urls
        first = moto.connect.urls.url_paths
        for name in [m for m in sys.modules if m.startswith("moto.connect")]:
            del sys.modules[name]
        import moto.connect.urls
        assert moto.connect.urls.url_paths is not first
        # moto's own loader stays the module's (inspect.getsource, coverage, reload read it).
        assert type(moto.connect.urls.__loader__).__name__ == "SourceFileLoader"
        from moto import mock_aws
        """
    )
    assert out.split("\n") == ["3", "200", ""]
