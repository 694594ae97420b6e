import type { FastifyInstance, FastifyReply } from "fastify";
import { searchEntry, sendFhir } from "../common/fhir";
import { findOrganisation, ORGANISATIONS, type DemoOrganisation, type OrganisationKind } from "../world/organisations";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const ODS_BASE_PATH = NHS_APIS.ods.basePath;
const ROLE_SYSTEM = "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSOrganisationRole";

export const ODS_ROLES: Record<OrganisationKind, { code: string; display: string }> = {
  "gp-practice": { code: "RO76", display: "GP PRACTICE" },
  pharmacy: { code: "RO182", display: "PHARMACY" },
  "nhs-trust": { code: "RO197", display: "NHS TRUST" },
  "urgent-care": { code: "RO198", display: "NHS TRUST SITE" },
  "nhs-body": { code: "RO116", display: "EXECUTIVE AGENCY PROGRAMME" },
};

export function odsOrganisation(organisation: DemoOrganisation) {
  const role = ODS_ROLES[organisation.kind];
  return {
    resourceType: "Organization",
    id: organisation.odsCode,
    meta: { lastUpdated: "2026-11-01T00:00:00+00:00" },
    extension: [
      {
        url: "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-OrganisationRole",
        extension: [
          { url: "roleCode", valueCoding: { system: ROLE_SYSTEM, ...role } },
          { url: "primaryRole", valueBoolean: true },
          { url: "active", valueBoolean: true },
        ],
      },
    ],
    identifier: [{ use: "official", system: "https://fhir.nhs.uk/Id/ods-organization-code", value: organisation.odsCode }],
    active: true,
    type: [{ coding: [{ system: ROLE_SYSTEM, ...role }] }],
    name: organisation.name.toUpperCase(),
    telecom: [{ system: "phone", value: organisation.phone }, ...(organisation.email ? [{ system: "email", value: organisation.email }] : [])],
    address: [
      {
        line: organisation.lines.map((line) => line.toUpperCase()),
        city: organisation.town.toUpperCase(),
        postalCode: organisation.postcode,
        country: "ENGLAND",
      },
    ],
    ...(organisation.parentOdsCode
      ? { partOf: { identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: organisation.parentOdsCode } } }
      : {}),
  };
}

function odsError(reply: FastifyReply, status: 400 | 404, code: string, diagnostics: string) {
  return sendFhir(reply, status, { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] });
}

export function registerOds(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(`${ODS_BASE_PATH}/Organization/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!/^[A-Za-z0-9]{2,12}$/.test(id)) return odsError(reply, 400, "invalid", `'${id.slice(0, 20)}' is not an ODS code`);
    const organisation = findOrganisation(id);
    if (!organisation) return odsError(reply, 404, "not-found", `Organization/${id} not found`);
    return sendFhir(reply, 200, odsOrganisation(organisation));
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(`${ODS_BASE_PATH}/Organization`, async (request, reply) => {
    const query = request.query;
    const known = new Set(["_id", "identifier", "name", "name:contains", "name:exact", "address-postalcode", "address-city", "roleCode", "active", "_count"]);
    const unknown = Object.keys(query).find((key) => !known.has(key));
    if (unknown) return odsError(reply, 400, "not-supported", `Unknown search parameter ${unknown}`);
    const count = query._count ? Number(query._count) : 50;
    if (!Number.isInteger(count) || count < 1 || count > 1000) return odsError(reply, 400, "invalid", "_count must be between 1 and 1000");
    const contains = (value: string, part: string | undefined) => !part || value.toUpperCase().includes(part.toUpperCase());
    const matches = ORGANISATIONS.filter((organisation) => {
      const code = query._id ?? query.identifier?.split("|").pop();
      if (code && organisation.odsCode !== code.toUpperCase()) return false;
      if (query["name:exact"] && organisation.name.toUpperCase() !== query["name:exact"].toUpperCase()) return false;
      if (!contains(organisation.name, query.name ?? query["name:contains"])) return false;
      if (query["address-postalcode"] && !organisation.postcode.replace(/\s/g, "").startsWith(query["address-postalcode"].replace(/\s/g, "").toUpperCase()))
        return false;
      if (!contains(organisation.town, query["address-city"])) return false;
      if (query.roleCode && ODS_ROLES[organisation.kind].code !== query.roleCode) return false;
      return true;
    });
    return sendFhir(reply, 200, {
      resourceType: "Bundle",
      type: "searchset",
      total: matches.length,
      entry: matches
        .slice(0, count)
        .map((organisation) =>
          searchEntry(`https://api.service.nhs.uk${ODS_BASE_PATH}/Organization/${organisation.odsCode}`, "match", odsOrganisation(organisation)),
        ),
    });
  });
}
