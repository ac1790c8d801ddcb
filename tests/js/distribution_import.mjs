// Traffic distribution and ImportPhoneNumber through the AWS SDK for JavaScript v3, against
// connect_mock's server; tests/test_import_phone_number.py declares the source number (SOURCE_ARN), runs
// this and checks what it prints.
import {
  ConnectClient,
  CreateInstanceCommand,
  CreateTrafficDistributionGroupCommand,
  DescribePhoneNumberCommand,
  GetTrafficDistributionCommand,
  ImportPhoneNumberCommand,
  UpdateTrafficDistributionCommand,
} from "@aws-sdk/client-connect";

const east = new ConnectClient({ region: "us-east-1", maxAttempts: 1 });
const west = new ConnectClient({ region: "us-west-2", maxAttempts: 1 });
const out = {};

const instance = await east.send(
  new CreateInstanceCommand({
    IdentityManagementType: "CONNECT_MANAGED",
    InstanceAlias: "js-route",
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
  }),
);
const group = await east.send(
  new CreateTrafficDistributionGroupCommand({ Name: "js", InstanceId: instance.Id }),
);
const split = (eastShare) => ({
  Distributions: [
    { Region: "us-east-1", Percentage: eastShare },
    { Region: "us-west-2", Percentage: 100 - eastShare },
  ],
});
await west.send(
  new UpdateTrafficDistributionCommand({ Id: group.Arn, TelephonyConfig: split(40) }),
);
const got = await east.send(new GetTrafficDistributionCommand({ Id: group.Id }));
out.telephony = got.TelephonyConfig;
out.agents = got.AgentConfig;
out.group = [got.Id, got.Arn];
try {
  await east.send(new UpdateTrafficDistributionCommand({ Id: group.Id, TelephonyConfig: split(45) }));
} catch (error) {
  out.refused = { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}

const imported = await east.send(
  new ImportPhoneNumberCommand({
    InstanceId: instance.Id,
    SourcePhoneNumberArn: process.env.SOURCE_ARN,
  }),
);
const described = await east.send(
  new DescribePhoneNumberCommand({ PhoneNumberId: imported.PhoneNumberId }),
);
out.imported = {
  number: described.ClaimedPhoneNumberSummary.PhoneNumber,
  source: described.ClaimedPhoneNumberSummary.SourcePhoneNumberArn,
  status: described.ClaimedPhoneNumberSummary.PhoneNumberStatus.Status,
};

console.log(JSON.stringify(out));
