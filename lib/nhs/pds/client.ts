import "server-only";
import type { AdministrativeGender, PersonName } from "@/lib/format";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { pdsPatientSchema, pdsRelatedPersonBundleSchema, pdsSearchBundleSchema, type PdsPatient } from "./schema";

const EXTENSION = {
  nominatedPharmacy: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NominatedPharmacy",
  communication: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication",
  contactRank: "https://fhir.nhs.uk/R4/StructureDefinition/Extension-UKCore-ContactRank",
};

export interface Period {
  start: string | null;
  end: string | null;
}

export interface RecordName extends PersonName {
  id: string | null;
  use: string | null;
  suffix?: string[];
  period: Period | null;
}

export interface RecordAddress {
  /** Its position in PDS's list, which JSON Patch paths address. */
  index: number;
  id: string | null;
  use: string | null;
  lines: string[];
  postalCode: string | null;
  description: string | null;
  period: Period | null;
}

export interface RecordContactPoint {
  /** Its position in PDS's list, which JSON Patch paths address. */
  index: number;
  id: string | null;
  system: string | null;
  value: string;
  use: string | null;
  period: Period | null;
}

/** A patient as the app shows them: identity first, then everything the record page needs. */
export interface PatientRecord {
  nhsNumber: string;
  name: PersonName | null;
  gender: AdministrativeGender | null;
  birthDate: string | null;
  deceased: { dateTime: string } | null;
  /** PDS marks the record restricted (S-flag): address, telecom and GP are withheld and must never be shown. */
  restricted: boolean;
  homeAddress: { lines: string[]; postalCode: string | null } | null;
  /** A temporary address in force today. */
  temporaryAddress: RecordAddress | null;
  gpOdsCode: string | null;
  nominatedPharmacyOdsCode: string | null;
  versionId: string | null;
  /** When PDS last changed the record, if it says. */
  lastUpdated: string | null;
  names: RecordName[];
  addresses: RecordAddress[];
  telecom: RecordContactPoint[];
  communication: { language: string | null; interpreterRequired: boolean } | null;
}

/** The parts of the banner every patient page shows. */
export type PatientSummary = PatientRecord;

interface Provenance {
  requestId: string;
  retrievedAt: Date;
}

export type PatientRetrieveOutcome =
  | ({ kind: "found"; patient: PatientRecord } & Provenance)
  | ({ kind: "superseded"; requestedNhsNumber: string; patient: PatientRecord } & Provenance)
  | { kind: "not-found"; requestId: string }
  | { kind: "invalidated"; requestId: string }
  | { kind: "invalid-nhs-number"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

export interface PatientSearchCriteria {
  family: string;
  given?: string;
  gender?: AdministrativeGender;
  /** PDS date criteria: eq2010-10-22, or ge/le for a range. */
  birthdate: string[];
  postcode?: string;
  gpOdsCode?: string;
  deathDate?: string[];
  fuzzy?: boolean;
  exact?: boolean;
  history?: boolean;
  maxResults: number;
}

export type PatientSearchOutcome =
  | ({ kind: "matches"; matches: Array<{ patient: PatientRecord; score: number | null }> } & Provenance)
  | { kind: "no-matches"; requestId: string }
  | { kind: "too-many"; requestId: string }
  | { kind: "rejected"; code: string; diagnostics: string | null; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

export interface RelatedPersonSummary {
  name: PersonName | null;
  relationship: string | null;
  phone: string | null;
  address: string | null;
  rank: number | null;
  nhsNumber: string | null;
}

export type RelatedPersonsOutcome = { kind: "found"; people: RelatedPersonSummary[]; requestId: string } | { kind: "failed"; failure: NhsFailure };

export type JsonPatchOperation = { op: "add" | "replace" | "test"; path: string; value: unknown } | { op: "remove"; path: string };

export type PatientUpdateOutcome =
  | ({ kind: "updated"; patient: PatientRecord } & Provenance)
  | { kind: "version-conflict"; requestId: string }
  | { kind: "precondition-failed"; requestId: string }
  | { kind: "forbidden"; diagnostics: string | null; requestId: string }
  | { kind: "rejected"; code: string; diagnostics: string | null; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

const RESTRICTED_CODES = new Set(["R", "V", "REDACTED"]);

const todayIso = () => new Date().toISOString().slice(0, 10);

function isCurrent(entry: { period?: { start?: string; end?: string } }, today: string): boolean {
  const { start, end } = entry.period ?? {};
  return (!start || start.slice(0, 10) <= today) && (!end || end.slice(0, 10) >= today);
}

const toPeriod = (period?: { start?: string; end?: string }): Period | null => (period ? { start: period.start ?? null, end: period.end ?? null } : null);

/** The usual name in force today, else any usual name, else the first. */
function chooseName(patient: PdsPatient, today: string): PersonName | null {
  const names = patient.name ?? [];
  const chosen = names.find((name) => name.use === "usual" && isCurrent(name, today)) ?? names.find((name) => name.use === "usual") ?? names[0];
  return chosen ? { family: chosen.family, given: chosen.given, prefix: chosen.prefix } : null;
}

function chooseHomeAddress(patient: PdsPatient, today: string): PatientRecord["homeAddress"] {
  const addresses = patient.address ?? [];
  const chosen = addresses.find((entry) => entry.use === "home" && isCurrent(entry, today)) ?? addresses.find((entry) => entry.use === "home") ?? addresses[0];
  if (!chosen) return null;
  return { lines: chosen.line ?? [], postalCode: chosen.postalCode ?? null };
}

const toAddress = (entry: NonNullable<PdsPatient["address"]>[number], index: number): RecordAddress => ({
  index,
  id: entry.id ?? null,
  use: entry.use ?? null,
  lines: entry.line ?? [],
  postalCode: entry.postalCode ?? null,
  description: entry.text ?? null,
  period: toPeriod(entry.period),
});

function communication(patient: PdsPatient): PatientRecord["communication"] {
  const found = patient.extension?.find((entry) => entry.url === EXTENSION.communication);
  if (!found) return null;
  const language = found.extension?.find((part) => part.url === "language")?.valueCodeableConcept?.coding?.[0];
  const interpreter = found.extension?.find((part) => part.url === "interpreterRequired")?.valueBoolean;
  return { language: language?.display ?? language?.code ?? null, interpreterRequired: interpreter === true };
}

export function toPatientRecord(patient: PdsPatient, today = todayIso()): PatientRecord {
  const restricted = (patient.meta?.security ?? []).some((label) => label.code && RESTRICTED_CODES.has(label.code));
  // Withheld for restricted patients even if an upstream ever sent them.
  const addresses = restricted ? [] : (patient.address ?? []).map(toAddress);
  const temporary = addresses.find(
    (entry) => entry.use === "temp" && isCurrent({ period: { start: entry.period?.start ?? undefined, end: entry.period?.end ?? undefined } }, today),
  );
  return {
    nhsNumber: patient.id,
    name: chooseName(patient, today),
    gender: patient.gender ?? null,
    birthDate: patient.birthDate ?? null,
    deceased: patient.deceasedDateTime ? { dateTime: patient.deceasedDateTime } : null,
    restricted,
    homeAddress: restricted ? null : chooseHomeAddress(patient, today),
    temporaryAddress: temporary ?? null,
    gpOdsCode: restricted ? null : (patient.generalPractitioner?.[0]?.identifier?.value ?? null),
    nominatedPharmacyOdsCode: restricted
      ? null
      : (patient.extension?.find((entry) => entry.url === EXTENSION.nominatedPharmacy)?.valueReference?.identifier?.value ?? null),
    versionId: patient.meta?.versionId ?? null,
    lastUpdated: patient.meta?.lastUpdated ?? null,
    names: (patient.name ?? []).map((name) => ({
      id: name.id ?? null,
      use: name.use ?? null,
      family: name.family,
      given: name.given,
      prefix: name.prefix,
      suffix: name.suffix,
      period: toPeriod(name.period),
    })),
    addresses,
    telecom: restricted
      ? []
      : (patient.telecom ?? [])
          .map((entry, index) => ({
            index,
            id: entry.id ?? null,
            system: entry.system ?? null,
            value: entry.value ?? "",
            use: entry.use ?? null,
            period: toPeriod(entry.period),
          }))
          .filter((entry) => entry.value),
    communication: communication(patient),
  };
}

/** Kept for callers that only need the banner's facts. */
export const toPatientSummary = toPatientRecord;

function failed(response: Exclude<Awaited<ReturnType<NhsApiClient["call"]>>, { kind: "ok" }>) {
  return { kind: "failed" as const, failure: response };
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
        const patient = toPatientRecord(response.body);
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
        return failed(response);
      }
      // every other kind is a failure of the call itself, before or without an answer from PDS
      default:
        return failed(response);
    }
  }

  async searchPatients(criteria: PatientSearchCriteria, context: NhsCallContext): Promise<PatientSearchOutcome> {
    const query = new URLSearchParams();
    query.set("family", criteria.family);
    if (criteria.given) query.append("given", criteria.given);
    if (criteria.gender) query.set("gender", criteria.gender);
    for (const date of criteria.birthdate) query.append("birthdate", date);
    if (criteria.postcode) query.set("address-postalcode", criteria.postcode);
    if (criteria.gpOdsCode) query.set("general-practitioner", criteria.gpOdsCode);
    for (const date of criteria.deathDate ?? []) query.append("death-date", date);
    if (criteria.fuzzy) query.set("_fuzzy-match", "true");
    if (criteria.exact) query.set("_exact-match", "true");
    if (criteria.history) query.set("_history", "true");
    query.set("_max-results", String(criteria.maxResults));

    const response = await this.client.call({
      api: "pds",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/Patient",
      query,
      schema: pdsSearchBundleSchema,
      context,
    });
    switch (response.kind) {
      case "ok": {
        const matches = (response.body.entry ?? [])
          .map((entry) => ({ patient: toPatientRecord(entry.resource), score: entry.search?.score ?? null }))
          .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
        if (matches.length === 0) return { kind: "no-matches", requestId: response.requestId };
        return { kind: "matches", matches, requestId: response.requestId, retrievedAt: response.receivedAt };
      }
      case "operation-outcome": {
        // PDS answers "too many matches" with HTTP 200
        if (response.outcome.code === "TOO_MANY_MATCHES") return { kind: "too-many", requestId: response.requestId };
        if (response.status === 400) {
          return { kind: "rejected", code: response.outcome.code, diagnostics: response.outcome.diagnostics ?? null, requestId: response.requestId };
        }
        if (response.status === 200) return { kind: "no-matches", requestId: response.requestId };
        return failed(response);
      }
      // every other kind is a failure of the call itself, before or without an answer from PDS
      default:
        return failed(response);
    }
  }

  async relatedPersons(nhsNumber: string, context: NhsCallContext): Promise<RelatedPersonsOutcome> {
    const response = await this.client.call({
      api: "pds",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/Patient/${encodeURIComponent(nhsNumber)}/RelatedPerson`,
      schema: pdsRelatedPersonBundleSchema,
      context,
    });
    if (response.kind !== "ok") {
      if (response.kind === "operation-outcome" && response.status === 404) return { kind: "found", people: [], requestId: response.requestId };
      return failed(response);
    }
    const today = todayIso();
    const people = (response.body.entry ?? []).map(({ resource }) => {
      const name = resource.name?.find((entry) => isCurrent(entry, today)) ?? resource.name?.[0];
      const relationship = resource.relationship?.[0]?.coding?.[0];
      const address = resource.address?.[0];
      const rank = resource.extension?.find((entry) => entry.url === EXTENSION.contactRank) as { valuePositiveInt?: number } | undefined;
      return {
        name: name ? { family: name.family, given: name.given, prefix: name.prefix } : null,
        relationship: relationship?.display ?? relationship?.code ?? resource.relationship?.[0]?.text ?? null,
        phone: resource.telecom?.find((entry) => entry.system === "phone")?.value ?? null,
        address: address ? [...(address.line ?? []), address.postalCode].filter(Boolean).join(", ") : null,
        rank: rank?.valuePositiveInt ?? null,
        // a related person's own NHS number, when they have one
        nhsNumber: resource.patient?.identifier?.value ?? null,
      };
    });
    return { kind: "found", people: people.sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99)), requestId: response.requestId };
  }

  /** A write: sent once, never retried; a version conflict is reported, never resolved by overwriting. */
  /** Sent once, with the X-Request-ID given (so its audit rows name it), or a new one. */
  async updatePatient(
    nhsNumber: string,
    versionId: string,
    patches: JsonPatchOperation[],
    context: NhsCallContext,
    requestId?: string,
  ): Promise<PatientUpdateOutcome> {
    const response = await this.client.call({
      api: "pds",
      baseUrl: this.baseUrl,
      method: "PATCH",
      path: `/Patient/${encodeURIComponent(nhsNumber)}`,
      headers: { "content-type": "application/json-patch+json", "if-match": `W/"${versionId}"` },
      body: JSON.stringify({ patches }),
      requestId,
      schema: pdsPatientSchema,
      context,
    });
    switch (response.kind) {
      case "ok":
        return { kind: "updated", patient: toPatientRecord(response.body), requestId: response.requestId, retrievedAt: response.receivedAt };
      case "operation-outcome": {
        const { code, diagnostics } = response.outcome;
        if (response.status === 409) return { kind: "version-conflict", requestId: response.requestId };
        if (response.status === 412) return { kind: "precondition-failed", requestId: response.requestId };
        if (response.status === 403 && code === "FORBIDDEN_UPDATE")
          return { kind: "forbidden", diagnostics: diagnostics ?? null, requestId: response.requestId };
        if (response.status === 400) return { kind: "rejected", code, diagnostics: diagnostics ?? null, requestId: response.requestId };
        return failed(response);
      }
      // every other kind is a failure of the call itself, before or without an answer from PDS
      default:
        return failed(response);
    }
  }
}
