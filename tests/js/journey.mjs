// The route step with the AWS SDK for JavaScript v3: search, claim, create a flow, associate,
// list associations, release. Prints what it saw as JSON; tests/test_routing.py checks it.
import {
  AssociatePhoneNumberContactFlowCommand,
  ClaimPhoneNumberCommand,
  ConnectClient,
  CreateContactFlowCommand,
  CreateInstanceCommand,
  ListFlowAssociationsCommand,
  ReleasePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
  paginateListContactFlows,
} from "@aws-sdk/client-connect";

const client = new ConnectClient({ region: "us-east-1", maxAttempts: 1 });
const out = {};

const instance = await client.send(
  new CreateInstanceCommand({
    IdentityManagementType: "CONNECT_MANAGED",
    InstanceAlias: "js-journey",
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
  }),
);
const InstanceId = instance.Id;

for await (const page of paginateListContactFlows(
  { client, pageSize: 5 },
  { InstanceId, ContactFlowTypes: ["CONTACT_FLOW"] },
)) {
  out.sample ??= page.ContactFlowSummaryList[0]?.Name;
}

const search = await client.send(
  new SearchAvailablePhoneNumbersCommand({
    InstanceId,
    PhoneNumberCountryCode: "US",
    PhoneNumberType: "DID",
    MaxResults: 1,
  }),
);
const claimed = await client.send(
  new ClaimPhoneNumberCommand({
    InstanceId,
    PhoneNumber: search.AvailableNumbersList[0].PhoneNumber,
  }),
);
out.numberArn = claimed.PhoneNumberArn;

const content = (start) =>
  JSON.stringify({
    Version: "2019-10-30",
    StartAction: start,
    Actions: [
      {
        Identifier: "bye",
        Type: "DisconnectParticipant",
        Parameters: {},
        Transitions: {},
      },
    ],
  });

try {
  await client.send(
    new CreateContactFlowCommand({
      InstanceId,
      Name: "Broken",
      Type: "CONTACT_FLOW",
      Content: content("missing"),
    }),
  );
  out.invalid = null;
} catch (error) {
  out.invalid = { name: error.name, problems: error.problems };
}

const flow = await client.send(
  new CreateContactFlowCommand({
    InstanceId,
    Name: "JS line",
    Type: "CONTACT_FLOW",
    Content: content("bye"),
  }),
);
out.flowArn = flow.ContactFlowArn;

await client.send(
  new AssociatePhoneNumberContactFlowCommand({
    PhoneNumberId: claimed.PhoneNumberId,
    InstanceId,
    ContactFlowId: flow.ContactFlowId,
  }),
);
const listed = await client.send(
  new ListFlowAssociationsCommand({ InstanceId, ResourceType: "VOICE_PHONE_NUMBER" }),
);
out.associations = listed.FlowAssociationSummaryList;

await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: claimed.PhoneNumberId }));
const after = await client.send(new ListFlowAssociationsCommand({ InstanceId }));
out.afterRelease = after.FlowAssociationSummaryList;

console.log(JSON.stringify(out));
