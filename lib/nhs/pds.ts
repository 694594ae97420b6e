import "server-only";
import type { AdministrativeGender, PersonName } from "@/lib/format";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "./client";
import { pdsPatientSchema, type PdsPatient } from "./pds-schema";

/** What the app shows of a patient: the identifying facts, already chosen from PDS's lists. */
export interface PatientSummary {
  nhsNumber: string;
  name: PersonName | null;
  gender: AdministrativeGender | null;
  birthDate: string | null;
  deceased: { dateTime: string } | null;
  /** PDS marks the record restricted (S-flag): address, telecom and GP are withheld and must never be shown. */
  restricted: boolean;
  homeAddress: { lines: string[]; postalCode: string | null } | null;
  gpOdsCode: string | null;
  versionId: string | null;
}

interface Provenance {
  requestId: string;
  retrievedAt: Date;
}

export type PatientRetrieveOutcome =
  | ({ kind: "found"; patient: PatientSummary } & Provenance)
  | ({ kind: "superseded"; requestedNhsNumber: string; patient: PatientSummary } & Provenance)
  | { kind: "not-found"; requestId: string }
  | { kind: "invalidated"; requestId: string }
  | { kind: "invalid-nhs-number"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

const RESTRICTED_CODES = new Set(["R", "V", "REDACTED"]);

function isCurrent(entry: { period?: { start?: string; end?: string } }, today: string): boolean {
  const { start, end } = entry.period ?? {};
  return (!start || start <= today) && (!end || end >= today);
}

/** The usual name in force today, else any usual name, else the first. */
function chooseName(patient: PdsPatient, today: string): PersonName | null {
  const names = patient.name ?? [];
  const chosen =
    names.find((name) => name.use === "usual" && isCurrent(name, today)) ??
    names.find((name) => name.use === "usual") ??
    names[0];
  return chosen ? { family: chosen.family, given: chosen.given, prefix: chosen.prefix } : null;
}

function chooseHomeAddress(patient: PdsPatient, today: string): PatientSummary["homeAddress"] {
  const addresses = patient.address ?? [];
  const chosen =
    addresses.find((entry) => entry.use === "home" && isCurrent(entry, today)) ??
    addresses.find((entry) => entry.use === "home") ??
    addresses[0];
  if (!chosen) return null;
  return { lines: chosen.line ?? [], postalCode: chosen.postalCode ?? null };
}

export function toPatientSummary(patient: PdsPatient, today = new Date().toISOString().slice(0, 10)): PatientSummary {
  const restricted = (patient.meta?.security ?? []).some((label) => label.code && RESTRICTED_CODES.has(label.code));
  return {
    nhsNumber: patient.id,
    name: chooseName(patient, today),
    gender: patient.gender ?? null,
    birthDate: patient.birthDate ?? null,
    deceased: patient.deceasedDateTime ? { dateTime: patient.deceasedDateTime } : null,
    restricted,
    // Withheld for restricted patients even if an upstream ever sent them.
    homeAddress: restricted ? null : chooseHomeAddress(patient, today),
    gpOdsCode: restricted ? null : (patient.generalPractitioner?.[0]?.identifier?.value ?? null),
    versionId: patient.meta?.versionId ?? null,
  };
}

export class PdsClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  async retrievePatient(nhsNumber: string, context: NhsCallContext): Promise<PatientRetrieveOutcome> {
    const response = await this.client.call({
      api: "pds",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/Patient/${encodeURIComponent(nhsNumber)}`,
      schema: pdsPatientSchema,
      context,
    });

    switch (response.kind) {
      case "ok": {
        const patient = toPatientSummary(response.body);
        const provenance = { requestId: response.requestId, retrievedAt: response.receivedAt };
        if (patient.nhsNumber !== nhsNumber) {
          return { kind: "superseded", requestedNhsNumber: nhsNumber, patient, ...provenance };
        }
        return { kind: "found", patient, ...provenance };
      }
      case "operation-outcome": {
        const { code } = response.outcome;
        if (response.status === 404 && code === "INVALIDATED_RESOURCE") {
          return { kind: "invalidated", requestId: response.requestId };
        }
        if (response.status === 404) return { kind: "not-found", requestId: response.requestId };
        if (response.status === 400 && code === "INVALID_RESOURCE_ID") {
          return { kind: "invalid-nhs-number", requestId: response.requestId };
        }
        return { kind: "failed", failure: response };
      }
      case "http-error":
      case "invalid-response":
      case "timeout":
      case "network-error":
        return { kind: "failed", failure: response };
      default: {
        const unhandled: never = response;
        return unhandled;
      }
    }
  }
}
