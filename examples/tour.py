"""A short offline tour of connect_mock (run by `make demo`).

Everything here is ordinary boto3 code; `mock_connect` makes it talk to the mock instead of AWS.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
import botocore.config

from connect_mock import mock_connect


def show(title: str, page: dict[str, Any]) -> None:
    print(f"\n== {title}")
    for entry in page["AvailableNumbersList"]:
        print(
            f"   {entry['PhoneNumber']:<16} {entry['PhoneNumberCountryCode']} "
            f"{entry['PhoneNumberType']}"
        )
    if not page["AvailableNumbersList"]:
        print("   (no numbers)")
    if "NextToken" in page:
        print(f"   NextToken: {page['NextToken'][:24]}...")


def main() -> None:
    with mock_connect(seed=7) as cm:
        client = boto3.client("connect", region_name="us-east-1")
        instance = client.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="tour",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
        base = {"InstanceId": instance["Id"]}
        print(f"Created instance {instance['Id']} (moto); searching with seed 7.")

        for country, kind in [("US", "DID"), ("GB", "TOLL_FREE"), ("JP", "DID"), ("DE", "UIFN")]:
            show(
                f"{country} {kind}, 3 numbers",
                client.search_available_phone_numbers(
                    **base, PhoneNumberCountryCode=country, PhoneNumberType=kind, MaxResults=3
                ),
            )

        first = client.search_available_phone_numbers(
            **base, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", MaxResults=2
        )
        show("US TOLL_FREE, page 1", first)
        show(
            "US TOLL_FREE, page 2 (NextToken)",
            client.search_available_phone_numbers(
                **base,
                PhoneNumberCountryCode="US",
                PhoneNumberType="TOLL_FREE",
                MaxResults=2,
                NextToken=first["NextToken"],
            ),
        )
        show(
            "US DID with prefix +1206 (Seattle)",
            client.search_available_phone_numbers(
                **base,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                PhoneNumberPrefix="+1206",
                MaxResults=3,
            ),
        )
        total = (
            client.get_paginator("search_available_phone_numbers")
            .paginate(**base, PhoneNumberCountryCode="GB", PhoneNumberType="DID")
            .build_full_result()
        )
        print(
            f"\n== boto3's paginator over GB DID finishes: {len(total['AvailableNumbersList'])} "
            "numbers (the default search_limit)"
        )

        number = first["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = client.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)
        status = client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]["PhoneNumberStatus"]["Status"]
        print(f"\n== Claimed {number}: {status}; a second claim of it:")
        try:
            client.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)
        except client.exceptions.InvalidParameterException as error:
            print(f"   InvalidParameterException: {error.response['Error']['Message']}")

        # The route step: a claimed number answers a contact flow; releasing it drops the route.
        flow = client.create_contact_flow(
            InstanceId=instance["Id"],
            Name="Tour inbound",
            Type="CONTACT_FLOW",
            Content=json.dumps(
                {
                    "Version": "2019-10-30",
                    "StartAction": "bye",
                    "Actions": [
                        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}}
                    ],
                }
            ),
        )
        client.associate_phone_number_contact_flow(
            PhoneNumberId=claimed["PhoneNumberId"],
            InstanceId=instance["Id"],
            ContactFlowId=flow["ContactFlowId"],
        )
        routes = client.list_flow_associations(
            InstanceId=instance["Id"], ResourceType="VOICE_PHONE_NUMBER"
        )["FlowAssociationSummaryList"]
        print(f"\n== Routed {number} to flow 'Tour inbound': {len(routes)} association")
        client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        routes = client.list_flow_associations(
            InstanceId=instance["Id"], ResourceType="VOICE_PHONE_NUMBER"
        )["FlowAssociationSummaryList"]
        print(f"   released: {len(routes)} associations; it cools down for 180 days")

        cm.faults.add("SearchAvailablePhoneNumbers", "ThrottlingException", times=1)
        once = boto3.client(
            "connect",
            region_name="us-east-1",
            config=botocore.config.Config(retries={"total_max_attempts": 1}),
        )
        print("\n== An injected fault: ThrottlingException once")
        try:
            once.search_available_phone_numbers(
                **base, PhoneNumberCountryCode="US", PhoneNumberType="DID"
            )
        except once.exceptions.ThrottlingException as error:
            print(f"   HTTP 429 ThrottlingException: {error.response['Error']['Message']}")
        print(f"   calls recorded so far: {len(cm.calls)}, last: {cm.calls[-1].error}")

        # botocore would let MaxResults=11 through too; it is the service that refuses it.
        lax = boto3.client(
            "connect",
            region_name="us-east-1",
            config=botocore.config.Config(parameter_validation=False),
        )
        print("\n== A validation error, as AWS sends it")
        try:
            lax.search_available_phone_numbers(
                **base, PhoneNumberCountryCode="US", PhoneNumberType="MOBILE", MaxResults=11
            )
        except lax.exceptions.InvalidParameterException as error:
            meta = error.response["ResponseMetadata"]
            print(f"   HTTP {meta['HTTPStatusCode']} {error.response['Error']['Code']}")
            print(f"   {error.response['Error']['Message'][:160]}...")


if __name__ == "__main__":
    main()
