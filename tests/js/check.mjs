// Drives connect_mock's server with the AWS SDK for JavaScript v3 and prints what it saw as
// JSON; tests/test_server_mode.py runs it and checks the result. The endpoint comes from
// AWS_ENDPOINT_URL_CONNECT, exactly as in a user's own program.
import {
  ConnectClient,
  CreateInstanceCommand,
  DeleteInstanceCommand,
  DescribeInstanceCommand,
  ListInstancesCommand,
  SearchAvailablePhoneNumbersCommand,
  paginateSearchAvailablePhoneNumbers,
} from "@aws-sdk/client-connect";

const endpoint = process.env.AWS_ENDPOINT_URL_CONNECT;
const client = new ConnectClient({ region: "us-east-1", maxAttempts: 1 });
const out = {};

const instance = await client.send(
  new CreateInstanceCommand({
    IdentityManagementType: "CONNECT_MANAGED",
    InstanceAlias: "js-sdk",
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
  }),
);
const query = {
  InstanceId: instance.Id,
  PhoneNumberCountryCode: "GB",
  PhoneNumberType: "DID",
};

const page = await client.send(
  new SearchAvailablePhoneNumbersCommand({ ...query, MaxResults: 5 }),
);
out.firstPage = page.AvailableNumbersList.map((n) => n.PhoneNumber);

out.paginated = [];
for await (const p of paginateSearchAvailablePhoneNumbers({ client, pageSize: 10 }, query)) {
  out.paginated.push(...p.AvailableNumbersList.map((n) => n.PhoneNumber));
}

async function failure(command) {
  try {
    await client.send(command);
    return null;
  } catch (error) {
    return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
  }
}

out.validation = await failure(
  new SearchAvailablePhoneNumbersCommand({ ...query, MaxResults: 11 }),
);

const rule = await fetch(`${endpoint}/moto-api/connect-mock/faults`, {
  method: "POST",
  body: JSON.stringify({
    operation: "SearchAvailablePhoneNumbers",
    error: "ThrottlingException",
    times: 1,
  }),
});
out.ruleStatus = rule.status;
out.throttled = await failure(new SearchAvailablePhoneNumbersCommand(query));
out.afterThrottle = (await client.send(new SearchAvailablePhoneNumbersCommand(query)))
  .AvailableNumbersList.length;

// moto's own instance operations, read by the SDK's strict deserializers (a timestamp must be a
// JSON number: "Expected real number, got implicit NaN" before the conformance layer).
const described = (await client.send(new DescribeInstanceCommand({ InstanceId: instance.Id })))
  .Instance;
out.describedInstance = {
  id: described.Id,
  alias: described.InstanceAlias,
  status: described.InstanceStatus,
  inbound: described.InboundCallsEnabled,
  createdIsDate: described.CreatedTime instanceof Date && !Number.isNaN(described.CreatedTime.getTime()),
  createdMs: described.CreatedTime.getTime(),
};
const listed = (await client.send(new ListInstancesCommand({}))).InstanceSummaryList;
out.listedInstances = listed.map((summary) => ({
  id: summary.Id,
  createdMs: summary.CreatedTime.getTime(),
}));
const second = await client.send(
  new CreateInstanceCommand({
    IdentityManagementType: "CONNECT_MANAGED",
    InstanceAlias: "js-sdk-2",
    InboundCallsEnabled: true,
    OutboundCallsEnabled: false,
  }),
);
out.deleted = (await client.send(new DeleteInstanceCommand({ InstanceId: second.Id })))
  .$metadata.httpStatusCode;
out.afterDelete = (await client.send(new ListInstancesCommand({}))).InstanceSummaryList.map(
  (summary) => summary.Id,
);
out.instanceId = instance.Id;
out.missingInstance = await failure(new DescribeInstanceCommand({ InstanceId: second.Id }));

console.log(JSON.stringify(out));
