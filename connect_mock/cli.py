"""``connect-mock``: look at the mock's inventories from a shell."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .config import OPTIONS, MockConfig, Option

# The exit status of a command that SIGPIPE ended (128 + 13): what `yes | head` leaves in
# PIPESTATUS, and what a closed pipe makes of ours.
BROKEN_PIPE_STATUS = 141
# The options `sample` takes (`serve` takes every option with a flag: Option.serve).
SAMPLE_OPTIONS = ("seed", "search_limit", "fixtures")


def _sample(args: argparse.Namespace) -> int:
    import boto3
    import botocore.config
    import botocore.exceptions

    from .mock import ConnectMock

    # The CLI must show what the service says about bad input, so we skip botocore's
    # client-side checks and let the mock validate.
    config = botocore.config.Config(parameter_validation=False)
    mock = ConnectMock(**{name: getattr(args, name) for name in SAMPLE_OPTIONS})
    if args.count > args.search_limit:
        # A query yields at most search_limit numbers (as AWS's searches end): say so, rather
        # than print fewer than asked with no word why.
        print(
            f"connect-mock: a search yields at most {args.search_limit} numbers (--search-limit);"
            f" printing {args.search_limit}, not {args.count}",
            file=sys.stderr,
        )
    with mock:
        client = boto3.client("connect", region_name="us-east-1", config=config)
        instance = client.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="connect-mock-cli",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
        query: dict[str, Any] = {
            "InstanceId": instance["Id"],
            # The codes are upper case in the API; a shell user types `us` as readily as `US`.
            "PhoneNumberCountryCode": args.country.upper(),
            "PhoneNumberType": args.type.upper(),
        }
        if args.prefix:
            query["PhoneNumberPrefix"] = args.prefix
        numbers: list[dict[str, str]] = []
        try:
            while len(numbers) < args.count:
                page = client.search_available_phone_numbers(
                    **query, MaxResults=min(10, args.count - len(numbers))
                )
                numbers.extend(page["AvailableNumbersList"])
                if "NextToken" not in page:
                    break
                query["NextToken"] = page["NextToken"]
        except botocore.exceptions.ClientError as error:
            details = error.response["Error"]
            print(f"{details['Code']}: {details['Message']}", file=sys.stderr)
            return 2
    _print_table(numbers, args)
    return 0


def _print_table(numbers: list[dict[str, str]], args: argparse.Namespace) -> None:
    import phonenumbers

    title = f"{args.country.upper()} {args.type.upper()}"
    title += f" prefix {args.prefix}" if args.prefix else ""
    print(f"{title}, seed {args.seed}: {len(numbers)} number(s)")
    if not numbers:
        return
    rows = [("#", "PhoneNumber", "International format", "Region")]
    for index, entry in enumerate(numbers, 1):
        parsed = phonenumbers.parse(entry["PhoneNumber"])
        pretty = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        region = phonenumbers.region_code_for_number(parsed) or "?"
        rows.append((str(index), entry["PhoneNumber"], pretty, region))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connect-mock",
        description="Offline Amazon Connect phone-number mock (moto plugin).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser(
        "sample",
        help="print the numbers SearchAvailablePhoneNumbers offers",
        description="Print the first numbers the mock offers for a country and type.",
    )
    sample.add_argument("country", help="ISO country code, e.g. US (any case)")
    sample.add_argument(
        "type", help="phone number type, e.g. DID, TOLL_FREE, UIFN, SHARED (any case)"
    )
    sample.add_argument("--prefix", help="E.164 prefix including +, e.g. +1206")
    sample.add_argument(
        "--count",
        type=positive_integer,
        default=10,
        help="how many (default 10; at most --search-limit)",
    )
    for name in SAMPLE_OPTIONS:
        _add_flag(sample, OPTIONS[name])
    sample.set_defaults(run=_sample, parser=sample)

    serve = commands.add_parser(
        "serve",
        help="run moto's server with connect_mock's operations",
        description="Serve every moto service plus connect_mock's Connect phone-number APIs "
        "over HTTP, for any SDK or the AWS CLI (AWS_ENDPOINT_URL_CONNECT).",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    serve.add_argument(
        "--port",
        type=port_number,
        default=None,
        help="port (default $MOTO_PORT, else 5000; 0: any free). While serving, MOTO_PORT is "
        "the port served on, so that moto's callbacks to its server (Step Functions service "
        "integrations, Lambda, Batch, CloudFormation custom resources) reach this one",
    )
    for option in OPTIONS.values():
        if option.serve:
            _add_flag(serve, option)
    serve.set_defaults(run=_serve, parser=serve)
    return parser


def _add_flag(parser: argparse.ArgumentParser, option: Option) -> None:
    """The flag of a configuration option, from its declaration: its default, its check (the
    configuration's, with its messages) and its help."""
    flag, help = option.flag, option.flag_help
    if option.kind == "files":
        parser.add_argument(flag, dest=option.name, action="append", metavar="FILE", help=help)
    elif option.kind == "switch":
        action = "store_false" if option.default else "store_true"
        parser.add_argument(flag, dest=option.name, action=action, help=help)
    else:
        default = option.default if option.flag_default is None else option.flag_default
        checked: dict[str, Any] = (
            {"choices": option.choices}
            if option.kind == "choice"
            else {"type": _config_option(option.name)}
        )
        parser.add_argument(flag, dest=option.name, default=default, help=help, **checked)


def _serve(args: argparse.Namespace) -> int:
    from ._moto import server_extras_missing
    from .control.server import PORT_VARIABLE, AddressError, serve

    port = args.port
    if port is None:
        # As moto_server: MOTO_PORT, else 5000 (empty counts as unset, as in moto's settings).
        try:
            port = port_number(os.environ.get(PORT_VARIABLE) or "5000")
        except argparse.ArgumentTypeError as error:
            print(f"connect-mock serve: error: ${PORT_VARIABLE}: {error}", file=sys.stderr)
            return 2
    missing = server_extras_missing()
    if missing is not None:
        print(
            f"connect-mock serve needs moto's server extras ({missing} is missing): "
            "pip install 'connect_mock[server]'",
            file=sys.stderr,
        )
        return 2
    try:
        options = {name: getattr(args, name) for name, option in OPTIONS.items() if option.serve}
        return serve(args.host, port, **options)
    except AddressError as error:
        # A usage error like any other flag's: argparse's form, exit status 2.
        parser: argparse.ArgumentParser = args.parser
        parser.error(f"argument {error.option}: {error}")


def _whole_number(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number in [low, high], refused in words argparse shows as
    ``argument --count: expected a whole number >= 1, got 'abc'``. Without bounds, the range is
    the configuration's to check, so that its message is the same as everywhere else."""
    if low is None:
        expected = "a whole number"
    elif high is None:
        expected = f"a whole number >= {low}"
    else:
        expected = f"a whole number from {low} to {high}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {value}")
        return value

    parse.__name__ = "whole number"  # what argparse would call it, were an error to slip by
    return parse


def _config_option(name: str) -> Callable[[str], int]:
    """An argparse type for the configuration option ``name`` (seed, quota, limits): a whole
    number, in the range MockConfig checks, refused with MockConfig's own words, so that
    ``--seed -1`` gets argparse's usage and ``argument --seed: seed must be at least 0, got -1``
    as ``--seed 1.5`` does."""
    whole = _whole_number()

    def parse(text: str) -> int:
        value = whole(text)
        option: dict[str, Any] = {name: value}
        try:
            MockConfig(**option)
        except (TypeError, ValueError) as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        return value

    parse.__name__ = "whole number"
    return parse


positive_integer = _whole_number(1)
# A TCP port: 65536 and above wrapped around (99999 served on 34463).
port_number = _whole_number(0, 65535)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("connect_mock")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from . import __version__

        return __version__


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a reader gone away shows here, not in Python's last flush
        return status
    except BrokenPipeError:
        # `connect-mock sample ... | head`: stop quietly, as a command SIGPIPE ends does. Later
        # writes (Python's flush at exit) go nowhere instead of failing again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return BROKEN_PIPE_STATUS
    except ValueError as error:  # FixtureError, or a bad fault or source-number file
        print(f"connect-mock: {error}", file=sys.stderr)
        return 2
