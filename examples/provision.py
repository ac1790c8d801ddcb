"""An example "provisioning" program of the kind connect_mock exists to test.

It finds a number for a Connect instance, claims it (retrying while Connect throttles), waits
for the claim to settle, prints what it got as JSON, and with --release gives the number back.
Nothing in it knows about the mock: point it at one with AWS_ENDPOINT_URL_CONNECT, e.g.

    connect-mock serve --port 5000 &
    AWS_ENDPOINT_URL_CONNECT=http://127.0.0.1:5000 AWS_ACCESS_KEY_ID=x \\
        AWS_SECRET_ACCESS_KEY=x python examples/provision.py --country US --prefix +1206
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import boto3
import botocore.config


def claim_with_retry(client: Any, instance_id: str, number: str, attempts: int = 5) -> str:
    """Claim ``number``, backing off while throttled; returns the PhoneNumberId."""
    for attempt in range(attempts):
        try:
            claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
            return str(claimed["PhoneNumberId"])
        except client.exceptions.ThrottlingException:
            print(f"throttled, retrying (attempt {attempt + 1})", file=sys.stderr)
            time.sleep(0.05 * 2**attempt)
    raise RuntimeError(f"could not claim {number} after {attempts} attempts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--instance-id", help="an existing instance (default: create one)")
    parser.add_argument("--country", default="US")
    parser.add_argument("--type", default="DID")
    parser.add_argument("--prefix")
    parser.add_argument("--release", action="store_true", help="release the number at the end")
    args = parser.parse_args(argv)

    # Our own retry loop decides; the SDK makes one attempt per call.
    config = botocore.config.Config(retries={"total_max_attempts": 1})
    client = boto3.client("connect", region_name=args.region, config=config)
    instance_id = (
        args.instance_id
        or client.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="provisioning",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )["Id"]
    )
    query: dict[str, Any] = {
        "InstanceId": instance_id,
        "PhoneNumberCountryCode": args.country,
        "PhoneNumberType": args.type,
        "MaxResults": 5,
    }
    if args.prefix:
        query["PhoneNumberPrefix"] = args.prefix
    candidates = client.search_available_phone_numbers(**query)["AvailableNumbersList"]
    if not candidates:
        print("no number available", file=sys.stderr)
        return 1
    number = candidates[0]["PhoneNumber"]
    phone_id = claim_with_retry(client, instance_id, number)
    for _ in range(50):
        summary = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
        status = summary["PhoneNumberStatus"]["Status"]
        if status != "IN_PROGRESS":
            break
        time.sleep(0.1)
    if status != "CLAIMED":
        message = summary["PhoneNumberStatus"].get("Message", "")
        print(f"claim of {number} ended {status}: {message}", file=sys.stderr)
        return 1
    if args.release:
        client.release_phone_number(PhoneNumberId=phone_id)
    print(
        json.dumps(
            {
                "PhoneNumber": number,
                "PhoneNumberId": phone_id,
                "Status": status,
                "Released": args.release,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
