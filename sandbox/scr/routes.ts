import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { sendFhir } from "../common/fhir";
import { CLINICAL_RECORDS, type ScrRecord } from "../world/clinical";
import { findOrganisation } from "../world/organisations";
import { scrSections } from "./narrative";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const SCR_BASE_PATH = NHS_APIS.scr.basePath;
const PUBLIC_BASE = `https://api.service.nhs.uk${NHS_APIS.scr.basePath}`;
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const GP_SUMMARY = { system: "http://snomed.info/sct", code: "196981000000101", display: "General Practice Summary" };
const ACS_SYSTEM = "https://fhir.nhs.uk/CodeSystem/SCR-ACSPermission";
const ALERT_TYPES = new Set(["1", "2"]);

/** A patient who has an SCR record and whose data the stand-in holds; 9000000033 has none. */
const NO_SCR = new Set(["9000000033"]);
/** SCR's alert reasons (CodeSystem SCR-AlertReason). */
const ALERT_REASONS = new Set(["1", "2", "3", "4", "5", "6"]);

export interface PrivacyAlert {
  receivedAt: string;
  nhsNumber: string;
  alertType: string;
  /** SCR's alert reason code (SCR-AlertReason). */
  reasonCode: string | null;
  /** The reason in the user's words (outcomeDesc), else the code's display. */
  reason: string | null;
  requestId: string | null;
  sessionUrid: string | null;
}

/** SCR errors carry Spine's code and text in details.text. */
function scrError(reply: FastifyReply, status: number, code: string, text: string) {
  return sendFhir(reply, status, { resourceType: "OperationOutcome", issue: [{ severity: "error", code, details: { text } }] });
}

const noConsent = (reply: FastifyReply) =>
  scrError(
    reply,
    403,
    "forbidden",
    "Code: 420, Display: Business condition related to access control  which prevents the action being performed by PSIS;Code: 30418, Display: [PSIS-30418] - ACF does not permit access to resource",
  );

function nhsNumberFrom(tokenParameter: unknown): string | null {
  if (typeof tokenParameter !== "string") return null;
  const [system, value] = tokenParameter.split("|");
  if (system !== NHS_NUMBER_SYSTEM || !value || !isValidNhsNumber(value)) return null;
  return value;
}

function emptySearchset() {
  return { resourceType: "Bundle", id: randomUUID(), type: "searchset", total: 0 };
}

export class ScrStore {
  readonly records = new Map<string, ScrRecord>();
  readonly alerts: PrivacyAlert[] = [];

  constructor() {
    for (const record of CLINICAL_RECORDS) if (record.scr) this.records.set(record.nhsNumber, structuredClone(record.scr));
  }
}

function documentReferenceBundle(nhsNumber: string, record: ScrRecord) {
  const patientId = randomUUID();
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    type: "searchset",
    total: 1,
    entry: [
      {
        fullUrl: `${PUBLIC_BASE}/DocumentReference/${record.documentReferenceId}`,
        search: { mode: "match" },
        resource: {
          resourceType: "DocumentReference",
          id: record.documentReferenceId,
          masterIdentifier: { system: "https://fhir.nhs.uk/Id/nhsSCRUUID", value: record.scrId },
          status: "current",
          type: { coding: [GP_SUMMARY] },
          subject: { reference: `Patient/${patientId}` },
          date: record.lastUpdated,
          author: [{ identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: record.authorOdsCode } }],
          securityLabel: [{ coding: [{ system: ACS_SYSTEM, code: record.consent }] }],
          content: [
            {
              attachment: {
                url: `${PUBLIC_BASE}/Bundle?composition.identifier=${record.scrId}&composition.subject:Patient.identifier=${NHS_NUMBER_SYSTEM}|${nhsNumber}`,
              },
            },
          ],
          context: { event: [{ coding: [GP_SUMMARY] }] },
        },
      },
      {
        fullUrl: `urn:uuid:${patientId}`,
        search: { mode: "include" },
        resource: { resourceType: "Patient", id: patientId, identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }] },
      },
    ],
  };
}

function scrBundle(nhsNumber: string, record: ScrRecord) {
  const ids = { composition: randomUUID(), patient: randomUUID(), role: randomUUID(), practitioner: randomUUID(), organisation: randomUUID() };
  const practice = findOrganisation(record.authorOdsCode);
  const practiceName = practice ? `${practice.name}, ${[...practice.lines, practice.town, practice.postcode].join(", ")}` : record.authorOdsCode;
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    meta: { lastUpdated: record.lastUpdated },
    // what SCR's spec requires of a found record (GetScrBundle.yaml), as its integration environment answers
    identifier: { system: "https://tools.ietf.org/html/rfc4122", value: randomUUID().toUpperCase() },
    type: "searchset",
    timestamp: new Date().toISOString(),
    total: 1,
    entry: [
      {
        fullUrl: `urn:uuid:${ids.composition}`,
        search: { mode: "match" },
        resource: {
          resourceType: "Composition",
          id: ids.composition,
          meta: { lastUpdated: record.lastUpdated },
          identifier: { system: "https://tools.ietf.org/html/rfc4122", value: record.scrId },
          status: "final",
          type: { coding: [GP_SUMMARY] },
          category: [{ coding: [{ system: "http://snomed.info/sct", code: "163171000000105", display: "Care Professional Documentation" }] }],
          subject: { reference: `Patient/${ids.patient}` },
          date: record.lastUpdated,
          author: [{ reference: `PractitionerRole/${ids.role}` }],
          title: "General Practice Summary",
          section: scrSections(record, practiceName).map((section) => ({
            title: section.title,
            code: { coding: [{ code: section.code }] },
            text: { status: "generated", div: section.div },
          })),
        },
      },
      {
        fullUrl: `urn:uuid:${ids.role}`,
        search: { mode: "include" },
        resource: {
          resourceType: "PractitionerRole",
          id: ids.role,
          practitioner: { reference: `Practitioner/${ids.practitioner}` },
          organization: { reference: `Organization/${ids.organisation}` },
          code: [{ text: "General Medical Practitioner" }],
        },
      },
      {
        fullUrl: `urn:uuid:${ids.practitioner}`,
        search: { mode: "include" },
        resource: {
          resourceType: "Practitioner",
          id: ids.practitioner,
          name: [{ family: record.author.family, given: [record.author.given], prefix: [record.author.prefix] }],
        },
      },
      {
        fullUrl: `urn:uuid:${ids.organisation}`,
        search: { mode: "include" },
        resource: {
          resourceType: "Organization",
          id: ids.organisation,
          identifier: [{ system: "https://fhir.nhs.uk/Id/ods-organization-code", value: record.authorOdsCode }],
          name: practice?.name ?? record.authorOdsCode,
          ...(practice ? { address: [{ line: practice.lines, city: practice.town, postalCode: practice.postcode }] } : {}),
        },
      },
      {
        fullUrl: `urn:uuid:${ids.patient}`,
        search: { mode: "include" },
        resource: { resourceType: "Patient", id: ids.patient, identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }] },
      },
    ],
  };
}

export function registerScr(app: FastifyInstance, store = new ScrStore(), patientExists: (nhsNumber: string) => boolean) {
  app.get<{ Querystring: Record<string, string | undefined> }>(`${SCR_BASE_PATH}/DocumentReference`, async (request, reply) => {
    const nhsNumber = nhsNumberFrom(request.query.patient);
    if (!nhsNumber) return scrError(reply, 400, "invalid", "Invalid patient parameter: expected https://fhir.nhs.uk/Id/nhs-number|<valid NHS number>");
    const { type } = request.query;
    if (type !== undefined && type !== `${GP_SUMMARY.system}|${GP_SUMMARY.code}`) {
      return scrError(reply, 400, "invalid", `Invalid type parameter: only ${GP_SUMMARY.system}|${GP_SUMMARY.code} is supported`);
    }
    if (NO_SCR.has(nhsNumber)) return sendFhir(reply, 200, emptySearchset());
    const record = store.records.get(nhsNumber);
    if (!record || record.consent === "No") return noConsent(reply);
    return sendFhir(reply, 200, documentReferenceBundle(nhsNumber, record));
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(`${SCR_BASE_PATH}/Bundle`, async (request, reply) => {
    const nhsNumber = nhsNumberFrom(request.query["composition.subject:Patient.identifier"]);
    const scrId = request.query["composition.identifier"];
    if (!nhsNumber || !scrId) {
      return scrError(reply, 400, "invalid", "composition.identifier and composition.subject:Patient.identifier (with a valid NHS number) are required");
    }
    const record = store.records.get(nhsNumber);
    if (!record && !NO_SCR.has(nhsNumber)) return noConsent(reply);
    if (!record || record.consent === "No") return record ? noConsent(reply) : sendFhir(reply, 200, emptySearchset());
    // An out-of-date SCR id finds nothing: the caller must look up the latest id first.
    if (scrId.toUpperCase() !== record.scrId.toUpperCase()) return sendFhir(reply, 200, emptySearchset());
    return sendFhir(reply, 200, scrBundle(nhsNumber, record));
  });

  app.post<{ Body: unknown }>(`${SCR_BASE_PATH}/$setPermission`, async (request, reply) => {
    const parts = (request.body as { resourceType?: string; parameter?: Array<{ name?: string; part?: Array<Record<string, unknown>> }> })?.parameter?.find(
      (parameter) => parameter.name === "setPermissions",
    )?.part;
    const nhsNumber = parts?.find((part) => part.name === "nhsNumber")?.valueString;
    const code = (parts?.find((part) => part.name === "permissionCode")?.valueCoding as { system?: string; code?: string } | undefined)?.code;
    if (typeof nhsNumber !== "string" || !isValidNhsNumber(nhsNumber)) {
      return scrError(
        reply,
        400,
        "value",
        "Code: 400, Display: Invalid Request;Code: 35160, Display: [PSIS-35160] - Invalid input message. Mandatory field NHS Number is missing or incorrect",
      );
    }
    if (code !== "Yes" && code !== "No" && code !== "Ask") {
      return scrError(reply, 400, "value", "permissionCode must be one of Yes, No or Ask");
    }
    const record = store.records.get(nhsNumber);
    if (!record || !patientExists(nhsNumber)) {
      return scrError(
        reply,
        400,
        "value",
        "Code: 400, Display: Invalid Request;Code: 35160, Display: [PSIS-35160] - Invalid input message. Mandatory field NHS Number is missing or incorrect",
      );
    }
    record.consent = code;
    return reply.code(201).send();
  });

  app.post<{ Body: unknown }>(`${SCR_BASE_PATH}/AuditEvent`, async (request, reply) => {
    const event = request.body as {
      resourceType?: string;
      type?: { code?: string };
      subtype?: Array<{ code?: string; display?: string }>;
      outcomeDesc?: string;
      agent?: Array<{ who?: { identifier?: { system?: string; value?: string } }; requestor?: boolean }>;
    };
    if (event?.resourceType !== "AuditEvent") return scrError(reply, 400, "invalid", "The body must be an AuditEvent");
    if (!event.type?.code || !ALERT_TYPES.has(event.type.code)) {
      return scrError(reply, 400, "value", "AuditEvent.type must be an SCR alert type (1: self-claimed legitimate relationship, 2: emergency access)");
    }
    if (event.subtype?.length !== 1 || !ALERT_REASONS.has(event.subtype[0].code ?? "")) {
      return scrError(reply, 400, "value", "AuditEvent.subtype must be exactly one SCR alert reason (1 to 6)");
    }
    // as SCR does: every agent, the user included, is not the requestor
    if ((event.agent ?? []).some((agent) => agent.requestor !== false)) {
      return scrError(reply, 400, "value", "Missing or unsupported 'requestor' value for an AuditEvent agent");
    }
    const nhsNumber = event.agent?.find((agent) => agent.who?.identifier?.system === NHS_NUMBER_SYSTEM)?.who?.identifier?.value;
    if (!nhsNumber || !isValidNhsNumber(nhsNumber)) return scrError(reply, 400, "value", "AuditEvent must name the patient's NHS number in an agent");
    const organisations = (event.agent ?? []).filter((agent) => agent.who?.identifier?.system === "https://fhir.nhs.uk/Id/ods-organization-code");
    if (organisations.length > 1) return scrError(reply, 400, "value", "AuditEvent must name exactly one organisation");
    store.alerts.push({
      receivedAt: new Date().toISOString(),
      nhsNumber,
      alertType: event.type.code,
      reasonCode: event.subtype[0].code ?? null,
      reason: event.outcomeDesc ?? event.subtype[0].display ?? null,
      requestId: typeof request.headers["x-request-id"] === "string" ? request.headers["x-request-id"] : null,
      sessionUrid: typeof request.headers["nhsd-session-urid"] === "string" ? request.headers["nhsd-session-urid"] : null,
    });
    return sendFhir(reply, 201, { ...event, id: randomUUID() });
  });

  app.get("/_stand-in/scr/alerts", async () => ({ alerts: store.alerts }));
}
