import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { searchset, sendFhir } from "../common/fhir";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const SDS_BASE_PATH = NHS_APIS.sds.basePath;
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const INTERACTION_SYSTEM = "https://fhir.nhs.uk/Id/nhsServiceInteractionId";
const PARTY_KEY_SYSTEM = "https://fhir.nhs.uk/Id/nhsMhsPartyKey";
const ASID_SYSTEM = "https://fhir.nhs.uk/Id/nhsSpineASID";

const GP_CONNECT = [
  "urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1",
  "urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1",
  "urn:nhs:names:services:gpconnect:documents:fhir:rest:search:documentreference-1",
];

interface MessageHandlingEndpoint {
  odsCode: string;
  partyKey: string;
  asid: string;
  address: string;
  interactions: string[];
  kind: "mhs" | "fhir";
}

interface AccreditedSystem {
  odsCode: string;
  asid: string;
  partyKey: string;
  manufacturerOdsCode: string;
  interactions: string[];
}

/** SDS entries: the NHS sandbox's (YES, B82617, X26) and the demo GP practices'. */
const ENDPOINTS: MessageHandlingEndpoint[] = [
  {
    odsCode: "YES",
    partyKey: "YES-0000806",
    asid: "928942012545",
    address: "https://msg.opentest.hscic.gov.uk/reliablemessaging/reliablerequest",
    interactions: ["urn:nhs:names:services:psis:REPC_IN150016UK05"],
    kind: "mhs",
  },
  {
    odsCode: "B82617",
    partyKey: "B82617-807890",
    asid: "918999198993",
    address: "https://orange.testlab.nhs.uk/B82617/STU3/1/gpconnect/",
    interactions: GP_CONNECT,
    kind: "fhir",
  },
  {
    odsCode: "X26",
    partyKey: "X26-9199246",
    asid: "918999199246",
    address: "https://msg.int.spine2.ncrs.nhs.uk/reliablemessaging/intermediary",
    interactions: ["urn:nhs:names:services:gp2gp:COPC_IN000001UK01"],
    kind: "mhs",
  },
  {
    odsCode: "X26",
    partyKey: "X26-820918",
    asid: "918999199247",
    address: "https://msg.int.spine2.ncrs.nhs.uk/reliablemessaging/reliablerequest",
    interactions: ["urn:nhs:names:services:gp2gp:COPC_IN000001UK01"],
    kind: "mhs",
  },
  {
    odsCode: "Y12345",
    partyKey: "Y12345-900001",
    asid: "200000000101",
    address: "https://gpconnect.standin.example.nhs.uk/Y12345/STU3/1/gpconnect/",
    interactions: GP_CONNECT,
    kind: "fhir",
  },
  {
    odsCode: "A20047",
    partyKey: "A20047-900002",
    asid: "200000000102",
    address: "https://gpconnect.standin.example.nhs.uk/A20047/STU3/1/gpconnect/",
    interactions: GP_CONNECT,
    kind: "fhir",
  },
];

const SYSTEMS: AccreditedSystem[] = [
  {
    odsCode: "YES",
    asid: "928942012545",
    partyKey: "YES-0000806",
    manufacturerOdsCode: "X09001",
    interactions: [
      "urn:nhs:names:services:psis:REPC_IN150016UK05",
      "urn:nhs:names:services:psisquery:QUPC_IN160101UK05",
      "urn:nhs:names:services:pdsquery:QUPA_IN040000UK32",
      "urn:nhs:names:services:tms:ReliableIntermediary",
      "urn:nhs:names:services:tms:ExpressIntermediary",
    ],
  },
  {
    odsCode: "X26",
    asid: "918999199246",
    partyKey: "X26-9199246",
    manufacturerOdsCode: "X26",
    interactions: ["urn:nhs:names:services:gp2gp:COPC_IN000001UK01", "urn:nhs:names:services:ebs:PRSC_IN080000UK03"],
  },
  // the NHS sandbox's mock holds no accredited system for B82617 (reference/next-apis.md 1.9); the stand-in gives it
  // one, on purpose, so that GP Connect's reference patients route through the SSP as every practice's do
  { odsCode: "B82617", asid: "918999198993", partyKey: "B82617-807890", manufacturerOdsCode: "YGM24", interactions: GP_CONNECT },
  { odsCode: "Y12345", asid: "200000000101", partyKey: "Y12345-900001", manufacturerOdsCode: "YGMX1", interactions: GP_CONNECT },
  { odsCode: "A20047", asid: "200000000102", partyKey: "A20047-900002", manufacturerOdsCode: "YGMX1", interactions: GP_CONNECT },
];

/**
 * The practice whose GP Connect service root is this address (the SSP's view of SDS): its ODS code and ASID.
 * Practices without GP Connect (H81109, the Garthorpe Surgery) are absent.
 */
export function gpConnectProviderAt(address: string): { odsCode: string; asid: string; address: string } | undefined {
  const endpoint = ENDPOINTS.find(
    (entry) => entry.kind === "fhir" && entry.interactions.includes(GP_CONNECT[0]) && address.startsWith(entry.address.replace(/\/+$/, "")),
  );
  return endpoint ? { odsCode: endpoint.odsCode, asid: endpoint.asid, address: endpoint.address.replace(/\/+$/, "") } : undefined;
}

function sdsError(reply: FastifyReply, diagnostics: string) {
  return sendFhir(reply, 400, {
    resourceType: "OperationOutcome",
    issue: [
      {
        severity: "error",
        code: "required",
        details: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1", code: "BAD_REQUEST", display: "Bad request" }] },
        diagnostics,
      },
    ],
  });
}

interface Criteria {
  odsCode: string;
  interaction: string;
  partyKey?: string;
}

function criteria(query: SdsQuery, reply: FastifyReply): Criteria | null {
  const organisation = typeof query.organization === "string" ? query.organization : undefined;
  const identifiers = query.identifier === undefined ? [] : Array.isArray(query.identifier) ? query.identifier : [query.identifier];
  const [system, odsCode] = (organisation ?? "").split("|");
  if (system !== ODS_SYSTEM || !odsCode) {
    void sdsError(reply, `Missing or invalid organization parameter. Should be ${ODS_SYSTEM}|<ODS code>`);
    return null;
  }
  const interaction = identifiers.find((identifier) => identifier.startsWith(`${INTERACTION_SYSTEM}|`))?.split("|")[1];
  if (!interaction) {
    void sdsError(reply, `Missing or invalid identifier parameter: ${INTERACTION_SYSTEM} is required`);
    return null;
  }
  const partyKey = identifiers.find((identifier) => identifier.startsWith(`${PARTY_KEY_SYSTEM}|`))?.split("|")[1];
  return { odsCode: odsCode.toUpperCase(), interaction, partyKey };
}

type SdsQuery = Record<string, string | string[] | undefined>;

/**
 * An SDS search by organisation and interaction (and, optionally, party key): the query checked, then
 * each entry that serves that interaction for that organisation, as a resource of the kind searched for.
 */
function registerSdsSearch<Entry extends { odsCode: string; partyKey: string; interactions: string[] }>(
  app: FastifyInstance,
  resourceType: "Endpoint" | "Device",
  entries: Entry[],
  toResource: (entry: Entry, wanted: Criteria) => { resourceType: string; id: string },
) {
  app.get<{ Querystring: SdsQuery }>(`${SDS_BASE_PATH}/${resourceType}`, async (request, reply) => {
    const wanted = criteria(request.query, reply);
    if (!wanted) return reply;
    const found = entries.filter(
      (entry) =>
        entry.odsCode === wanted.odsCode && entry.interactions.includes(wanted.interaction) && (!wanted.partyKey || entry.partyKey === wanted.partyKey),
    );
    const resources = found.map((entry) => toResource(entry, wanted));
    return sendFhir(
      reply,
      200,
      searchset(resources, (resource) => `https://api.service.nhs.uk${SDS_BASE_PATH}/${resource.resourceType}/${resource.id}`),
    );
  });
}

export function registerSds(app: FastifyInstance) {
  registerSdsSearch(app, "Endpoint", ENDPOINTS, (endpoint, wanted) => ({
    resourceType: "Endpoint",
    // SDS gives each resource in an answer a UUID of its own; the party key and ASID are identifiers
    id: randomUUID(),
    status: "active",
    connectionType: {
      system: "http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
      code: endpoint.kind === "fhir" ? "hl7-fhir-rest" : "hl7-fhir-msg",
    },
    payloadType: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/endpoint-payload-type", code: "any", display: "Any" }] }],
    address: endpoint.address,
    managingOrganization: { identifier: { system: ODS_SYSTEM, value: endpoint.odsCode } },
    identifier: [
      { system: "https://fhir.nhs.uk/Id/nhsMhsFQDN", value: new URL(endpoint.address).hostname },
      { system: PARTY_KEY_SYSTEM, value: endpoint.partyKey },
      { system: ASID_SYSTEM, value: endpoint.asid },
      { system: INTERACTION_SYSTEM, value: wanted.interaction },
    ],
  }));

  registerSdsSearch(app, "Device", SYSTEMS, (system) => ({
    resourceType: "Device",
    id: randomUUID(),
    identifier: [
      { system: ASID_SYSTEM, value: system.asid },
      { system: PARTY_KEY_SYSTEM, value: system.partyKey },
      ...system.interactions.map((interaction) => ({ system: INTERACTION_SYSTEM, value: interaction })),
    ],
    owner: { identifier: { system: ODS_SYSTEM, value: system.odsCode } },
    extension: [
      {
        url: "https://fhir.nhs.uk/StructureDefinition/Extension-SDS-ManufacturingOrganisation",
        valueReference: { identifier: { system: ODS_SYSTEM, value: system.manufacturerOdsCode } },
      },
    ],
  }));
}
