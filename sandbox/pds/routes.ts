import type { FastifyInstance, FastifyReply } from "fastify";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { sendFhir, sendOutcome } from "../common/fhir";
import { refuseBadPdsHeaders } from "../common/platform-headers";
import { PDS_PATIENTS, type FhirPatient } from "./fixtures";
import { INVALIDATED_NHS_NUMBERS, SUPERSEDED_NHS_NUMBERS } from "./population";
import { RELATED_PERSONS } from "./related-persons";
import { answerSearch, parseSearch } from "./search";
import { NHS_APIS } from "../../lib/nhs/catalogue";

// fast-json-patch is CommonJS without an exports map: Node's ESM loader sees only its default export.
const { applyPatch } = fastJsonPatch;

export const PDS_BASE_PATH = NHS_APIS.pds.basePath;
const PUBLIC_BASE = `https://api.service.nhs.uk${NHS_APIS.pds.basePath}`;

/** Fields PDS withholds from a restricted (S-flagged) record; search results also lose contacts. */
const RESTRICTED_FIELDS = ["address", "telecom", "generalPractitioner"] as const;

/** The stand-in's PDS, kept in memory per process so that a demo's edits show on the next read. */
export class PdsRecords {
  private readonly patients = new Map<string, FhirPatient>();

  constructor(seed: ReadonlyMap<string, FhirPatient> = PDS_PATIENTS) {
    for (const [id, patient] of seed) this.patients.set(id, structuredClone(patient));
  }

  get(nhsNumber: string): FhirPatient | undefined {
    const patient = this.patients.get(nhsNumber);
    return patient ? structuredClone(patient) : undefined;
  }

  put(patient: FhirPatient) {
    this.patients.set(patient.id, structuredClone(patient));
  }

  all(): FhirPatient[] {
    return [...this.patients.values()];
  }
}

function isRestricted(patient: FhirPatient): boolean {
  const security = (patient.meta as { security?: Array<{ code?: string }> }).security ?? [];
  return security.some((label) => label.code === "R");
}

function redactRestricted(patient: FhirPatient, alsoContacts = false): FhirPatient {
  if (!isRestricted(patient)) return patient;
  const copy: Record<string, unknown> = { ...patient };
  for (const field of RESTRICTED_FIELDS) delete copy[field];
  if (alsoContacts) delete copy.contact;
  return copy as FhirPatient;
}

const DEATH_NOTIFICATION_STATUS = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus";
/** What a search result carries of a record (PDS spec, PatientSearch.yaml): a retrieve's other fields and extensions stay behind. */
const SEARCH_RESULT_FIELDS = [
  "resourceType",
  "id",
  "identifier",
  "meta",
  "name",
  "gender",
  "birthDate",
  "multipleBirthInteger",
  "deceasedDateTime",
  "address",
  "telecom",
  "contact",
  "generalPractitioner",
  "extension",
] as const;

type Listed = Array<Record<string, unknown>> | undefined;

/**
 * A record as PDS returns it in search results: only the usual, nickname and temporary names, only the home
 * address, and of the extensions only the death notification status.
 */
function asSearchResult(patient: FhirPatient): FhirPatient {
  const result: Record<string, unknown> = {};
  for (const field of SEARCH_RESULT_FIELDS) if (patient[field] !== undefined) result[field] = patient[field];
  const keep = (field: "name" | "address" | "extension", wanted: (entry: Record<string, unknown>) => boolean) => {
    const kept = (result[field] as Listed)?.filter(wanted);
    if (kept?.length) result[field] = kept;
    else delete result[field];
  };
  keep("name", (name) => ["usual", "nickname", "temp"].includes(String(name.use)));
  keep("address", (address) => address.use === "home");
  keep("extension", (extension) => extension.url === DEATH_NOTIFICATION_STATUS);
  return result as FhirPatient;
}

const invalidResourceId = (reply: FastifyReply) =>
  sendOutcome(reply, 400, { issueCode: "value", errorCode: "INVALID_RESOURCE_ID", display: "Resource Id is invalid" });

const notFound = (reply: FastifyReply) =>
  sendOutcome(reply, 404, { issueCode: "not-found", errorCode: "RESOURCE_NOT_FOUND", display: "Resource not found", severity: "information" });

const invalidUpdate = (reply: FastifyReply, diagnostics: string) =>
  sendOutcome(reply, 400, { issueCode: "structure", errorCode: "INVALID_UPDATE", display: "Update is invalid", diagnostics });

const LIST_ITEM_PATH = /^\/(name|address|telecom|contact)\/(\d+)(\/|$)/;

/** PDS's own rules for a patch, beyond RFC 6902, in the order the NHS sandbox checks them. */
function patchRuleBroken(patches: Operation[]): { status: 400 | 403; errorCode: string; display: string; diagnostics: string } | null {
  const unsupported = patches.find((patch) => !["add", "replace", "remove", "test"].includes(patch.op));
  if (unsupported) {
    return {
      status: 400,
      errorCode: "INVALID_VALUE",
      display: "Provided value is invalid",
      diagnostics: `Invalid patch operation '${String(unsupported.op)}'`,
    };
  }
  for (const patch of patches) {
    const forbiddenRemove = patch.op === "remove" && (patch.path === "/birthDate" || patch.path === "/gender" || patch.path === "/name/0");
    const secondUsualName = patch.op === "add" && patch.path.startsWith("/name/") && (patch as { value?: { use?: string } }).value?.use === "usual";
    if (forbiddenRemove || secondUsualName) {
      return {
        status: 403,
        errorCode: "FORBIDDEN_UPDATE",
        display: "Forbidden update",
        diagnostics: `Forbidden update with operation ${patch.op} on ${patch.path}`,
      };
    }
  }
  for (const [index, patch] of patches.entries()) {
    const item = LIST_ITEM_PATH.exec(patch.path);
    if (!item || patch.op === "test") continue;
    const root = `/${item[1]}/${item[2]}`;
    const identified = patches.some((other) => other.op === "test" && (other.path === `${root}/id` || other.path === `${root}/url` || other.path === root));
    if (!identified) {
      return {
        status: 400,
        errorCode: "INVALID_UPDATE",
        display: "Update is invalid",
        diagnostics: `Invalid update with error - no id or url found for path with root ${root}`,
      };
    }
    if (patch.op === "remove" && patch.path === root) {
      const previous = patches[index - 1];
      if (!previous || previous.op !== "test" || !previous.path.startsWith(root)) {
        return {
          status: 400,
          errorCode: "INVALID_UPDATE",
          display: "Update is invalid",
          diagnostics: `Invalid update with error - removal of ${root} must be preceded by a test of the same item`,
        };
      }
    }
  }
  return null;
}

export function registerPds(app: FastifyInstance, records = new PdsRecords()) {
  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(`${PDS_BASE_PATH}/Patient`, async (request, reply) => {
    if (await refuseBadPdsHeaders(request, reply)) return reply;
    const criteria = parseSearch(request.query);
    if ("errorCode" in criteria) return sendOutcome(reply, criteria.status, criteria);
    const { answer } = answerSearch(criteria, records.all());
    if (answer.kind === "error") return sendOutcome(reply, answer.error.status, answer.error);
    if (answer.kind === "too-many") {
      return sendOutcome(reply, 200, {
        issueCode: "multiple-matches",
        errorCode: "TOO_MANY_MATCHES",
        display: "Too Many Matches",
        severity: "information",
      });
    }
    // Restricted patients are not returned at all when the search names a postcode or GP practice.
    const namesPlace = Boolean(criteria.postcode || criteria.gp);
    const entries = answer.hits
      .map(({ id, score }) => ({ patient: records.get(id), score }))
      .filter((hit): hit is { patient: FhirPatient; score: number } => Boolean(hit.patient))
      .filter(({ patient }) => !(namesPlace && isRestricted(patient)))
      .sort((a, b) => b.score - a.score)
      .map(({ patient, score }) => ({
        fullUrl: `${PUBLIC_BASE}/Patient/${patient.id}`,
        search: { score },
        resource: asSearchResult(redactRestricted(patient, true)),
      }));
    return sendFhir(reply, 200, {
      resourceType: "Bundle",
      type: "searchset",
      timestamp: new Date().toISOString(),
      total: entries.length,
      entry: entries,
    });
  });

  app.get<{ Params: { id: string } }>(`${PDS_BASE_PATH}/Patient/:id`, async (request, reply) => {
    if (await refuseBadPdsHeaders(request, reply)) return reply;
    const { id } = request.params;
    if (!isValidNhsNumber(id)) return invalidResourceId(reply);
    if (INVALIDATED_NHS_NUMBERS.has(id)) {
      return sendOutcome(reply, 404, {
        issueCode: "not-found",
        errorCode: "INVALIDATED_RESOURCE",
        display: "Resource that has been marked as invalid was requested - invalid resources cannot be retrieved",
        severity: "information",
      });
    }
    const patient = records.get(SUPERSEDED_NHS_NUMBERS.get(id) ?? id);
    if (!patient) return notFound(reply);
    reply.header("etag", `W/"${patient.meta.versionId}"`);
    return sendFhir(reply, 200, redactRestricted(patient));
  });

  app.patch<{ Params: { id: string }; Body: unknown }>(`${PDS_BASE_PATH}/Patient/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!isValidNhsNumber(id)) return invalidResourceId(reply);
    const ifMatch = request.headers["if-match"];
    if (typeof ifMatch !== "string" || ifMatch.length === 0) {
      return sendOutcome(reply, 412, {
        issueCode: "required",
        errorCode: "PRECONDITION_FAILED",
        display: "Required condition was not fulfilled",
        diagnostics: "Invalid update with error - If-Match header must be supplied to update this resource",
      });
    }
    if (!(request.headers["content-type"] ?? "").startsWith("application/json")) {
      return sendOutcome(reply, 400, { issueCode: "not-supported", errorCode: "UNSUPPORTED_SERVICE", display: "Unsupported Service" });
    }
    if (await refuseBadPdsHeaders(request, reply)) return reply;
    const current = records.get(id);
    if (!current) return notFound(reply);
    const patches = (request.body as { patches?: unknown } | undefined)?.patches;
    if (!Array.isArray(patches) || patches.length === 0) return invalidUpdate(reply, "Invalid update with error - No patches found");
    if (ifMatch !== `W/"${current.meta.versionId}"`) {
      return sendOutcome(reply, 409, {
        issueCode: "conflict",
        errorCode: "RESOURCE_VERSION_MISMATCH",
        display: "Resource version mismatch",
        diagnostics: `Invalid update with error - This resource has changed since you last read. Please re-read and try again with the new version number.`,
      });
    }
    const broken = patchRuleBroken(patches as Operation[]);
    if (broken) return sendOutcome(reply, broken.status, { issueCode: broken.status === 403 ? "forbidden" : "value", ...broken });
    let updated: FhirPatient;
    try {
      // all or nothing: applied to a copy, validated, then stored
      updated = applyPatch(structuredClone(current), patches as Operation[], true, false).newDocument;
    } catch (error) {
      const test = (error as { name?: string }).name === "TEST_OPERATION_FAILED";
      return invalidUpdate(
        reply,
        test ? "Invalid update with error - a test operation failed" : `Invalid update with error - ${(error as Error).message.split("\n")[0]}`,
      );
    }
    if (updated.id !== current.id || updated.resourceType !== "Patient")
      return invalidUpdate(reply, "Invalid update with error - id and resourceType cannot change");
    updated.meta = { ...current.meta, versionId: String(Number(current.meta.versionId) + 1), lastUpdated: new Date().toISOString() } as FhirPatient["meta"];
    records.put(updated);
    reply.header("etag", `W/"${updated.meta.versionId}"`);
    return sendFhir(reply, 200, redactRestricted(updated));
  });

  app.get<{ Params: { id: string } }>(`${PDS_BASE_PATH}/Patient/:id/RelatedPerson`, async (request, reply) => {
    if (await refuseBadPdsHeaders(request, reply)) return reply;
    const { id } = request.params;
    if (!isValidNhsNumber(id)) return invalidResourceId(reply);
    if (!records.get(id)) return notFound(reply);
    const related = RELATED_PERSONS.get(id) ?? [];
    return sendFhir(reply, 200, {
      resourceType: "Bundle",
      type: "searchset",
      timestamp: new Date().toISOString(),
      total: related.length,
      entry: related.map((person) => ({ fullUrl: `${PUBLIC_BASE}/Patient/${id}/RelatedPerson/${person.id}`, resource: person })),
    });
  });
}
