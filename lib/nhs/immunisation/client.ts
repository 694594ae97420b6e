import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { codeableConcept as concept, identifier, nhsNumberOf, patientReference, patientsInBundle } from "../fhir/datatypes";
import type { ImmunizationResource } from "./resource";
import { VACCINE_TYPES, vaccineTypeOfDiseases, type VaccineType } from "./vaccine-types";

/** The vaccine types the Immunisation FHIR API answers for; a search must name at least one. */
export { VACCINE_TYPES, type VaccineType };

const immunizationSchema = z
  .object({
    resourceType: z.literal("Immunization"),
    id: z.string(),
    status: z.string(),
    vaccineCode: concept.optional(),
    occurrenceDateTime: z.string(),
    patient: patientReference.optional(),
    recorded: z.string().optional(),
    location: z.object({ display: z.string().optional(), identifier: identifier.optional() }).optional(),
    lotNumber: z.string().optional(),
    site: concept.optional(),
    route: concept.optional(),
    doseQuantity: z.object({ value: z.number().optional(), unit: z.string().optional() }).optional(),
    performer: z
      .array(z.object({ actor: z.object({ type: z.string().optional(), display: z.string().optional(), identifier: identifier.optional() }) }))
      .optional(),
    // a record read by id carries who gave the vaccine as a contained Practitioner; a search result does not
    contained: z
      .array(
        z
          .object({
            resourceType: z.string(),
            id: z.string().optional(),
            identifier: z.array(identifier).optional(),
            name: z.array(z.object({ family: z.string().optional(), given: z.array(z.string()).optional() })).optional(),
          })
          .loose(),
      )
      .optional(),
    identifier: z.array(identifier).optional(),
    meta: z.object({ versionId: z.string().optional() }).loose().optional(),
    protocolApplied: z
      .array(z.object({ targetDisease: z.array(concept).optional(), doseNumberPositiveInt: z.number().optional(), doseNumberString: z.string().optional() }))
      .optional(),
  })
  .loose();
const bundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  total: z.number().optional(),
  entry: z
    .array(z.object({ resource: z.object({ resourceType: z.string() }).loose(), search: z.object({ mode: z.string().optional() }).optional() }))
    .optional(),
});

export interface Vaccination {
  id: string;
  vaccineType: VaccineType | null;
  targetDisease: string | null;
  occurredOn: string;
  product: string;
  doseNumber: string | null;
  dose: string | null;
  site: string | null;
  route: string | null;
  batch: string | null;
  location: string | null;
  recorder: string | null;
  status: string;
  /** Whom the record says the vaccination was given to; null when it does not say. */
  patientNhsNumber: string | null;
  /** The record's own identifier, set by whoever recorded it: this service's system marks one recorded here. */
  identifier: { system: string; value: string } | null;
  /** When the record was made (FHIR `recorded`), as the source gives it; null when it does not say. */
  recorded: string | null;
  /** The SNOMED CT codes of the product, site and route where the record gave a code but no text to show. */
  uncodedTerms: Partial<Record<CodedField, string>>;
  /** The fields whose text is the SNOMED CT preferred term, looked up because the record had none of its own. */
  termsLookedUp: CodedField[];
}

export type CodedField = "product" | "site" | "route";

const SNOMED = "http://snomed.info/sct";

export type VaccinationOutcome = { kind: "found"; vaccinations: Vaccination[]; requestId: string; retrievedAt: Date } | { kind: "failed"; failure: NhsFailure };

const TYPE_BY_DISEASE_WORD: Array<[RegExp, VaccineType]> = [
  [/covid|coronavirus|sars-cov-2/i, "COVID"],
  [/influenza|flu/i, "FLU"],
  [/pneumococ/i, "PNEUMOCOCCAL"],
  [/zoster|shingles/i, "SHINGLES"],
  [/respiratory syncytial|rsv/i, "RSV"],
  [/papilloma|hpv/i, "HPV"],
  [/pertussis|whooping/i, "PERTUSSIS"],
  [/measles|mumps|rubella/i, "MMR"],
  [/meningococ/i, "MENACWY"],
];

const displayOf = (value: z.infer<typeof concept> | undefined) => value?.text ?? value?.coding?.[0]?.display ?? null;

/** The SNOMED CT code of a concept that came with no text and no display: a name must be looked up to show it. */
const codeWithoutText = (value: z.infer<typeof concept> | undefined) =>
  value && displayOf(value) === null ? value.coding?.find((entry) => entry.system === SNOMED && entry.code)?.code : undefined;

function vaccinationOf(resource: z.infer<typeof immunizationSchema>, patients: Map<string, string>): Vaccination {
  const protocol = resource.protocolApplied?.[0];
  const disease = displayOf(protocol?.targetDisease?.[0]);
  const practitionerName = resource.contained?.find((entry) => entry.resourceType === "Practitioner")?.name?.[0];
  const practitioner = practitionerName ? [...(practitionerName.given ?? []), practitionerName.family].filter(Boolean).join(" ") || null : null;
  // the API's one performer is the organisation responsible for the vaccination
  const organisation = resource.performer?.find((entry) => entry.actor.type === "Organization")?.actor;
  const dose = resource.doseQuantity?.value !== undefined ? `${resource.doseQuantity.value} ${resource.doseQuantity.unit ?? ""}`.trim() : null;
  const ownIdentifier = resource.identifier?.find((entry) => entry.system && entry.value);
  const diseaseCodes = (protocol?.targetDisease ?? []).flatMap((target) => target.coding?.map((entry) => entry.code ?? "") ?? []);
  return {
    id: resource.id,
    vaccineType: vaccineTypeOfDiseases(diseaseCodes) ?? (disease ? (TYPE_BY_DISEASE_WORD.find(([pattern]) => pattern.test(disease))?.[1] ?? null) : null),
    targetDisease: disease,
    occurredOn: resource.occurrenceDateTime,
    product: displayOf(resource.vaccineCode) ?? "Product not recorded",
    doseNumber: protocol?.doseNumberPositiveInt !== undefined ? String(protocol.doseNumberPositiveInt) : (protocol?.doseNumberString ?? null),
    dose,
    site: displayOf(resource.site),
    route: displayOf(resource.route),
    batch: resource.lotNumber ?? null,
    location: resource.location?.display ?? resource.location?.identifier?.value ?? null,
    recorder: [practitioner, organisation?.display ?? organisation?.identifier?.value].filter(Boolean).join(", ") || null,
    status: resource.status,
    patientNhsNumber: nhsNumberOf(resource.patient, patients),
    identifier: ownIdentifier ? { system: ownIdentifier.system!, value: ownIdentifier.value! } : null,
    recorded: resource.recorded ?? null,
    uncodedTerms: Object.fromEntries(
      (
        [
          ["product", codeWithoutText(resource.vaccineCode)],
          ["site", codeWithoutText(resource.site)],
          ["route", codeWithoutText(resource.route)],
        ] as const
      ).filter((entry): entry is readonly [CodedField, string] => entry[1] !== undefined),
    ),
    termsLookedUp: [],
  };
}

/**
 * What can come of a write besides its success, each handled differently:
 * - forbidden: this application may not make this interaction for this vaccine type (403);
 * - invalid: the API refused the record (400), with its diagnostics, which name the element;
 * - not-found: no such record (404), or it was marked entered in error;
 * - unknown: no answer that says whether it was done (a timeout, a dropped connection, 408, 5xx): not known yet;
 * - failed: refused before anything was written (no token, 401, 429, calls paused), or another refusal.
 */
export type WriteRefusal =
  | { kind: "forbidden"; failure: NhsFailure }
  | { kind: "invalid"; diagnostics: string; failure: NhsFailure }
  | { kind: "not-found"; failure: NhsFailure }
  | { kind: "unknown"; failure: NhsFailure }
  | { kind: "failed"; failure: NhsFailure };

export type CreateOutcome =
  | { kind: "created"; id: string; version: number; requestId: string }
  /** 422 DUPLICATE: a record with this identifier is already there (a repeat of a send that arrived). */
  | { kind: "duplicate"; failure: NhsFailure }
  | WriteRefusal;

export type UpdateOutcome =
  | { kind: "updated"; requestId: string }
  /** The record has changed since the version sent (its E-Tag is stale): nothing was written. */
  | { kind: "version-conflict"; failure: NhsFailure }
  | WriteRefusal;

export type DeleteOutcome = { kind: "deleted"; requestId: string } | WriteRefusal;

export type ReadOutcome =
  | {
      kind: "found";
      vaccination: Vaccination;
      /** Its version, from the E-Tag header: what an update or delete must send. */
      version: number;
      identifier: { system: string; value: string } | null;
      requestId: string;
      retrievedAt: Date;
    }
  | { kind: "not-found"; failure: NhsFailure }
  | { kind: "forbidden"; failure: NhsFailure }
  | { kind: "failed"; failure: NhsFailure };

export type IdentifierSearchOutcome =
  | { kind: "found"; id: string; version: number; requestId: string }
  | { kind: "absent"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

const FHIR_JSON = { "content-type": "application/fhir+json" };
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A write's failure as the caller must treat it. A 2xx that would not parse never reaches here: writes take any body. */
function refusalOf(failure: NhsFailure): WriteRefusal | { kind: "duplicate"; failure: NhsFailure } | { kind: "version-conflict"; failure: NhsFailure } {
  switch (failure.kind) {
    case "timeout":
    case "network-error":
      return { kind: "unknown", failure };
    case "auth-failed":
    case "circuit-open":
      return { kind: "failed", failure };
    case "http-error":
    case "operation-outcome":
    case "invalid-response": {
      const { status } = failure;
      const outcome = failure.kind === "operation-outcome" ? failure.outcome : null;
      if (status === 408 || status >= 500) return { kind: "unknown", failure };
      if (status === 422 && outcome?.code.toUpperCase() === "DUPLICATE") return { kind: "duplicate", failure };
      if (status === 403) return { kind: "forbidden", failure };
      if (status === 404) return { kind: "not-found", failure };
      if (status === 400) {
        const diagnostics = outcome?.diagnostics ?? outcome?.display ?? "";
        // the API answers a stale E-Tag with 400 INVARIANT, its diagnostics naming the version (spec: updateImmunization)
        if (/changed since|e-tag|version/i.test(diagnostics)) return { kind: "version-conflict", failure };
        return { kind: "invalid", diagnostics, failure };
      }
      return { kind: "failed", failure };
    }
    default: {
      const unhandled: never = failure;
      return unhandled;
    }
  }
}

export class ImmunisationClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  /** Every vaccination of the given types (all types unless narrowed), newest first. */
  async history(
    nhsNumber: string,
    filter: { types?: readonly VaccineType[]; from?: string; to?: string },
    context: NhsCallContext,
  ): Promise<VaccinationOutcome> {
    const query = new URLSearchParams({
      "patient.identifier": `https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`,
      "-immunization.target": (filter.types?.length ? filter.types : VACCINE_TYPES).join(","),
    });
    if (filter.from) query.set("-date.from", filter.from);
    if (filter.to) query.set("-date.to", filter.to);
    const response = await this.client.call({
      api: "immunisation",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/Immunization",
      query,
      schema: bundleSchema,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    const vaccinations: Vaccination[] = [];
    const patients = patientsInBundle(
      (response.body.entry ?? []).map((entry) => entry.resource as { resourceType: string; id?: string; identifier?: unknown }),
    );
    for (const entry of response.body.entry ?? []) {
      if (entry.resource.resourceType !== "Immunization") continue;
      const parsed = immunizationSchema.safeParse(entry.resource);
      if (!parsed.success) {
        return {
          kind: "failed",
          failure: {
            kind: "invalid-response",
            api: "immunisation",
            requestId: response.requestId,
            attempts: response.attempts,
            status: response.status,
            problem: parsed.error.issues[0]?.message ?? "invalid Immunization",
          },
        };
      }
      if (parsed.data.status === "entered-in-error") continue;
      vaccinations.push(vaccinationOf(parsed.data, patients));
    }
    vaccinations.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
    return { kind: "found", vaccinations, requestId: response.requestId, retrievedAt: response.receivedAt };
  }

  /**
   * Records a vaccination (POST). Sent once, with the X-Request-ID fixed when the person started: the API uses it
   * to tell a repeat, and answers a second record with the same identifier 422 DUPLICATE.
   */
  async create(resource: ImmunizationResource, requestId: string, context: NhsCallContext): Promise<CreateOutcome> {
    const response = await this.client.call({
      api: "immunisation",
      baseUrl: this.baseUrl,
      method: "POST",
      path: "/Immunization",
      headers: FHIR_JSON,
      body: JSON.stringify(resource),
      requestId,
      schema: z.unknown(),
      context,
    });
    if (response.kind === "ok") {
      const id = response.location?.split("/").pop()?.split("?")[0] ?? "";
      // created, but where is not known: the identifier search finds it
      if (!ID.test(id)) {
        return {
          kind: "unknown",
          failure: {
            kind: "invalid-response",
            api: "immunisation",
            requestId: response.requestId,
            attempts: response.attempts,
            status: response.status,
            problem: "no Location",
          },
        };
      }
      return { kind: "created", id, version: 1, requestId: response.requestId };
    }
    const refusal = refusalOf(response);
    return refusal.kind === "version-conflict"
      ? {
          kind: "invalid",
          diagnostics: refusal.failure.kind === "operation-outcome" ? (refusal.failure.outcome.diagnostics ?? "") : "",
          failure: refusal.failure,
        }
      : refusal;
  }

  /** One record by its id, with its version (E-Tag). A record marked entered in error is not found. */
  async read(id: string, context: NhsCallContext): Promise<ReadOutcome> {
    const response = await this.client.call({
      api: "immunisation",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/Immunization/${encodeURIComponent(id)}`,
      schema: immunizationSchema,
      context,
    });
    if (response.kind !== "ok") {
      if ("status" in response && response.status === 404) return { kind: "not-found", failure: response };
      if ("status" in response && response.status === 403) return { kind: "forbidden", failure: response };
      return { kind: "failed", failure: response };
    }
    const resource = response.body;
    const patients = new Map<string, string>();
    for (const contained of resource.contained ?? []) {
      const nhsNumber = contained.identifier?.find((entry) => entry.system === "https://fhir.nhs.uk/Id/nhs-number")?.value;
      if (contained.resourceType === "Patient" && contained.id && nhsNumber) patients.set(`#${contained.id}`, nhsNumber);
    }
    const version = Number(response.etag ?? resource.meta?.versionId);
    if (!Number.isInteger(version) || version < 1 || resource.status === "entered-in-error") {
      return resource.status === "entered-in-error"
        ? { kind: "not-found", failure: { kind: "http-error", api: "immunisation", requestId: response.requestId, attempts: response.attempts, status: 404 } }
        : {
            kind: "failed",
            failure: {
              kind: "invalid-response",
              api: "immunisation",
              requestId: response.requestId,
              attempts: response.attempts,
              status: response.status,
              problem: "no version (E-Tag)",
            },
          };
    }
    return {
      kind: "found",
      vaccination: vaccinationOf(resource, patients),
      version,
      identifier: vaccinationOf(resource, patients).identifier,
      requestId: response.requestId,
      retrievedAt: response.receivedAt,
    };
  }

  /** Replaces a record (PUT) as of the version the person saw: a newer one there is a version conflict, and nothing is written. */
  async update(id: string, resource: ImmunizationResource, version: number, requestId: string, context: NhsCallContext): Promise<UpdateOutcome> {
    const response = await this.client.call({
      api: "immunisation",
      baseUrl: this.baseUrl,
      method: "PUT",
      path: `/Immunization/${encodeURIComponent(id)}`,
      headers: { ...FHIR_JSON, "e-tag": String(version) },
      body: JSON.stringify({ ...resource, id }),
      requestId,
      schema: z.unknown(),
      context,
    });
    if (response.kind === "ok") return { kind: "updated", requestId: response.requestId };
    const refusal = refusalOf(response);
    return refusal.kind === "duplicate" ? { kind: "failed", failure: refusal.failure } : refusal;
  }

  /** Marks a record entered in error (DELETE). The version the person saw goes as E-Tag, as MAVIS sends it. */
  async markEnteredInError(id: string, version: number, requestId: string, context: NhsCallContext): Promise<DeleteOutcome> {
    const response = await this.client.call({
      api: "immunisation",
      baseUrl: this.baseUrl,
      method: "DELETE",
      path: `/Immunization/${encodeURIComponent(id)}`,
      headers: { "e-tag": String(version) },
      requestId,
      schema: z.unknown(),
      context,
    });
    if (response.kind === "ok") return { kind: "deleted", requestId: response.requestId };
    const refusal = refusalOf(response);
    return refusal.kind === "duplicate" || refusal.kind === "version-conflict" ? { kind: "failed", failure: refusal.failure } : refusal;
  }

  /**
   * The record with this identifier, if the API holds it (and it is not marked entered in error): how an unknown
   * outcome is settled and a duplicate read back. `identifier=system|value` with `_elements=id,meta`, as the
   * API's backend takes it (reference/next-apis.md 1.1), though its published parameters leave it out.
   */
  async findByIdentifier(identifierOf: { system: string; value: string }, context: NhsCallContext): Promise<IdentifierSearchOutcome> {
    const response = await this.client.call({
      api: "immunisation",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/Immunization",
      query: new URLSearchParams({ identifier: `${identifierOf.system}|${identifierOf.value}`, _elements: "id,meta" }),
      schema: bundleSchema,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    const match = (response.body.entry ?? [])
      .map((entry) => entry.resource as { resourceType: string; id?: unknown; meta?: { versionId?: unknown } })
      .find((resource) => resource.resourceType === "Immunization" && typeof resource.id === "string");
    if (!match) return { kind: "absent", requestId: response.requestId };
    const version = Number(match.meta?.versionId ?? 1);
    return { kind: "found", id: match.id as string, version: Number.isInteger(version) && version > 0 ? version : 1, requestId: response.requestId };
  }
}
