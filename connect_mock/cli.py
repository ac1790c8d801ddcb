"""``connect-mock``: look at the mock's inventories from a shell."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any


def _sample(args: argparse.Namespace) -> int:
    import boto3
    import botocore.config
    import botocore.exceptions

    from .mock import ConnectMock

    # The CLI must show what the service says about bad input, so we skip botocore's
    # client-side checks and let the mock validate.
    config = botocore.config.Config(parameter_validation=False)
    with ConnectMock(seed=args.seed, fixtures=args.fixtures or None):
        client = boto3.client("connect", region_name="us-east-1", config=config)
        instance = client.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="connect-mock-cli",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
        query: dict[str, Any] = {
            "InstanceId": instance["Id"],
            "PhoneNumberCountryCode": args.country,
            "PhoneNumberType": args.type,
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

    title = f"{args.country} {args.type}" + (f" prefix {args.prefix}" if args.prefix else "")
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
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser(
        "sample",
        help="print the numbers SearchAvailablePhoneNumbers offers",
        description="Print the first numbers the mock offers for a country and type.",
    )
    sample.add_argument("country", help="ISO country code, e.g. US")
    sample.add_argument("type", help="phone number type, e.g. DID, TOLL_FREE, UIFN, SHARED")
    sample.add_argument("--prefix", help="E.164 prefix including +, e.g. +1206")
    sample.add_argument("--seed", type=int, default=0, help="inventory seed (default 0)")
    sample.add_argument("--count", type=_positive, default=10, help="how many (default 10)")
    sample.add_argument(
        "--fixtures", action="append", metavar="FILE", help="inventory fixture JSON (repeatable)"
    )
    sample.set_defaults(run=_sample)

    serve = commands.add_parser(
        "serve",
        help="run moto's server with connect_mock's operations",
        description="Serve every moto service plus connect_mock's Connect phone-number APIs "
        "over HTTP, for any SDK or the AWS CLI (AWS_ENDPOINT_URL_CONNECT).",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    serve.add_argument("--port", type=int, default=5000, help="port (default 5000; 0: any free)")
    serve.add_argument("--seed", type=int, default=0, help="inventory seed (default 0)")
    serve.add_argument(
        "--fixtures", action="append", metavar="FILE", help="inventory fixture JSON (repeatable)"
    )
    serve.add_argument("--faults", metavar="FILE", help="fault rules JSON")
    serve.add_argument(
        "--search-limit", type=_positive, default=100, help="results per query (default 100)"
    )
    serve.add_argument(
        "--no-claim-release-limit",
        dest="claim_release_limit",
        action="store_false",
        help="turn off the 200%% claim/release rule (on by default)",
    )
    serve.set_defaults(run=_serve)
    return parser


def _serve(args: argparse.Namespace) -> int:
    from ._moto import server_extras_missing
    from .control.server import serve

    missing = server_extras_missing()
    if missing is not None:
        print(
            f"connect-mock serve needs moto's server extras ({missing} is missing): "
            "pip install 'connect_mock[server]'",
            file=sys.stderr,
        )
        return 2
    return serve(
        args.host,
        args.port,
        seed=args.seed,
        fixtures=args.fixtures or None,
        faults=args.faults,
        search_limit=args.search_limit,
        claim_release_limit=args.claim_release_limit,
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ValueError as error:  # FixtureError, or a bad fault file
        print(f"connect-mock: {error}", file=sys.stderr)
        return 2
