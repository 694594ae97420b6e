import type { FastifyInstance, FastifyReply } from "fastify";
import { ORGANISATIONS, type DemoOrganisation, type OrganisationKind } from "../world/organisations";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const SERVICE_SEARCH_BASE_PATH = NHS_APIS["service-search"].basePath;

const TYPE_IDS: Record<OrganisationKind, { id: string; name: string }> = {
  "gp-practice": { id: "GPB", name: "GP" },
  pharmacy: { id: "PHA", name: "Pharmacy" },
  "nhs-trust": { id: "TRU", name: "Trust" },
  "urgent-care": { id: "UCS", name: "Urgent Care" },
  "nhs-body": { id: "OTH", name: "Other" },
};

const SEARCHABLE = ["ODSCode", "OrganisationName", "Postcode", "Address1", "Address2", "Address3", "City", "County"] as const;
type SearchField = (typeof SEARCHABLE)[number];

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/** An organisation in Service Search v3's own (not FHIR) shape. */
export function serviceSearchRecord(organisation: DemoOrganisation) {
  const type = TYPE_IDS[organisation.kind];
  const [opening, closing] = (organisation.openingHours ?? "00:00-23:59").split("-");
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return {
    "@search.score": 1,
    SearchKey: `X${organisation.odsCode}`,
    ODSCode: organisation.odsCode,
    OrganisationName: organisation.name,
    OrganisationTypeId: type.id,
    OrganisationType: type.name,
    OrganisationStatus: "Visible",
    Address1: organisation.lines[0] ?? null,
    Address2: organisation.lines[1] ?? null,
    Address3: organisation.lines[2] ?? null,
    City: organisation.town,
    County: "",
    Postcode: organisation.postcode,
    OrganisationSubType: organisation.kind === "pharmacy" ? "Community" : null,
    Country: "England",
    // a string, as the service sends it, "true" or null
    IsEpsEnabled: organisation.kind === "pharmacy" ? "true" : null,
    ParentOrganisation: organisation.parentOdsCode
      ? { ODSCode: organisation.parentOdsCode, OrganisationName: ORGANISATIONS.find((other) => other.odsCode === organisation.parentOdsCode)?.name ?? null }
      : null,
    Contacts: [
      { ContactType: "Primary", ContactAvailabilityType: "Office hours", ContactMethodType: "Telephone", ContactValue: organisation.phone },
      ...(organisation.email
        ? [{ ContactType: "Primary", ContactAvailabilityType: "Office hours", ContactMethodType: "Email", ContactValue: organisation.email }]
        : []),
    ],
    OpeningTimes: WEEKDAYS.map((weekday) => ({
      Weekday: weekday,
      OpeningTime: opening,
      ClosingTime: closing,
      OffsetOpeningTime: minutes(opening),
      OffsetClosingTime: minutes(closing),
      OpeningTimeType: "General",
      AdditionalOpeningDate: "",
      IsOpen: true,
    })),
    Services: organisation.dosServiceId
      ? [{ ServiceName: organisation.name, ServiceCode: "SRV0424", KeyValueData: [{ Key: "DoSServiceId", Value: organisation.dosServiceId }] }]
      : [],
  };
}

function fieldValue(organisation: DemoOrganisation, field: SearchField): string {
  const record = serviceSearchRecord(organisation);
  return String(record[field] ?? "");
}

/** Supports the $filter forms clinicians' searches need: eq comparisons and search.ismatch, joined with and. */
function parseFilter(filter: string): ((organisation: DemoOrganisation) => boolean) | null {
  const clauses = filter.split(/\s+and\s+/i);
  const tests: Array<(organisation: DemoOrganisation) => boolean> = [];
  for (const clause of clauses) {
    const equality = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/i.exec(clause);
    const isMatch = /^\s*search\.ismatch\('([^']*)',\s*'(\w+)'\)\s*$/i.exec(clause);
    if (equality) {
      const [, field, value] = equality;
      tests.push((organisation) => String((serviceSearchRecord(organisation) as Record<string, unknown>)[field] ?? "").toLowerCase() === value.toLowerCase());
    } else if (isMatch && (SEARCHABLE as readonly string[]).includes(isMatch[2])) {
      const [, value, field] = isMatch;
      tests.push((organisation) =>
        fieldValue(organisation, field as SearchField)
          .toLowerCase()
          .replace(/\s/g, "")
          .startsWith(value.toLowerCase().replace(/\s/g, "")),
      );
    } else {
      return null;
    }
  }
  return (organisation) => tests.every((test) => test(organisation));
}

interface SearchRequest {
  search?: string;
  searchFields?: string;
  filter?: string;
  top?: number;
  skip?: number;
  count?: boolean;
}

function answer(reply: FastifyReply, request: SearchRequest) {
  const fields = (request.searchFields ?? SEARCHABLE.join(",")).split(",").map((field) => field.trim());
  const unknownField = fields.find((field) => !(SEARCHABLE as readonly string[]).includes(field));
  if (unknownField) return reply.code(400).send({ statusCode: 400, message: `Unknown searchFields value ${unknownField}` });
  const filter = request.filter ? parseFilter(request.filter) : () => true;
  if (!filter) return reply.code(400).send({ statusCode: 400, message: "Invalid $filter expression" });
  const search = request.search?.trim().toLowerCase();
  const matches = ORGANISATIONS.filter(
    (organisation) =>
      filter(organisation) &&
      (!search ||
        search === "*" ||
        fields.some((field) =>
          fieldValue(organisation, field as SearchField)
            .toLowerCase()
            .includes(search),
        )),
  );
  const skip = request.skip ?? 0;
  const top = request.top ?? 50;
  return reply.send({
    "@odata.context": `https://api.service.nhs.uk${NHS_APIS["service-search"].basePath}/indexes('service-search-organisations-3')/$metadata#docs(*)`,
    ...(request.count ? { "@odata.count": matches.length } : {}),
    value: matches.slice(skip, skip + top).map(serviceSearchRecord),
  });
}

const notFound = (reply: FastifyReply) => reply.code(404).send({ statusCode: 404, message: "Resource not found" });

export function registerServiceSearch(app: FastifyInstance) {
  for (const path of [SERVICE_SEARCH_BASE_PATH, `${SERVICE_SEARCH_BASE_PATH}/`]) registerAt(app, path);
}

function registerAt(app: FastifyInstance, path: string) {
  app.get<{ Querystring: Record<string, string | undefined> }>(path, async (request, reply) => {
    const query = request.query;
    if (query["api-version"] !== "3") return notFound(reply);
    const top = query.$top === undefined ? undefined : Number(query.$top);
    const skip = query.$skip === undefined ? undefined : Number(query.$skip);
    if ((top !== undefined && (!Number.isInteger(top) || top < 1 || top > 1000)) || (skip !== undefined && (!Number.isInteger(skip) || skip < 0))) {
      return reply.code(400).send({ statusCode: 400, message: "$top must be 1 to 1000 and $skip 0 or more" });
    }
    return answer(reply, { search: query.search, searchFields: query.searchFields, filter: query.$filter, top, skip, count: query.$count === "true" });
  });
  app.post<{ Querystring: Record<string, string | undefined>; Body: SearchRequest }>(path, async (request, reply) => {
    if (request.query["api-version"] !== "3") return notFound(reply);
    return answer(reply, request.body ?? {});
  });
}
