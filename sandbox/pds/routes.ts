import type { FastifyInstance } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { sendFhir, sendOutcome } from "../common/fhir";
import { refuseBadPdsHeaders } from "../common/platform-headers";
import { PDS_PATIENTS, type FhirPatient } from "./fixtures";

export const PDS_BASE_PATH = "/personal-demographics/FHIR/R4";

/** Fields PDS withholds from a restricted (S-flagged) record. */
const RESTRICTED_FIELDS = ["address", "telecom", "generalPractitioner"] as const;

export class PdsRecords {
  private readonly patients = new Map<string, FhirPatient>();

  constructor(seed: ReadonlyMap<string, FhirPatient> = PDS_PATIENTS) {
    for (const [id, patient] of seed) this.patients.set(id, structuredClone(patient));
  }

  get(nhsNumber: string): FhirPatient | undefined {
    const patient = this.patients.get(nhsNumber);
    return patient ? structuredClone(patient) : undefined;
  }
}

function isRestricted(patient: FhirPatient): boolean {
  const security = (patient.meta as { security?: Array<{ code?: string }> }).security ?? [];
  return security.some((label) => label.code === "R");
}

function redactRestricted(patient: FhirPatient): FhirPatient {
  if (!isRestricted(patient)) return patient;
  const copy: Record<string, unknown> = { ...patient };
  for (const field of RESTRICTED_FIELDS) delete copy[field];
  return copy as FhirPatient;
}

export function registerPds(app: FastifyInstance, records = new PdsRecords()) {
  app.get<{ Params: { id: string } }>(`${PDS_BASE_PATH}/Patient/:id`, async (request, reply) => {
    if (await refuseBadPdsHeaders(request, reply)) return reply;
    const { id } = request.params;
    if (!isValidNhsNumber(id)) {
      return sendOutcome(reply, 400, {
        issueCode: "value",
        errorCode: "INVALID_RESOURCE_ID",
        display: "Resource Id is invalid",
      });
    }
    const patient = records.get(id);
    if (!patient) {
      return sendOutcome(reply, 404, {
        issueCode: "not-found",
        errorCode: "RESOURCE_NOT_FOUND",
        display: "Resource not found",
        severity: "information",
      });
    }
    reply.header("etag", `W/"${patient.meta.versionId}"`);
    return sendFhir(reply, 200, redactRestricted(patient));
  });
}
