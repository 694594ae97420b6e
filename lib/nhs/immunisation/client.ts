import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { codeableConcept as concept, identifier, nhsNumberOf, patientReference, patientsInBundle } from "../fhir/datatypes";

/** The vaccine types the Immunisation FHIR API answers for; a search must name at least one. */
export const VACCINE_TYPES = ["3IN1", "COVID", "FLU", "HPV", "MENACWY", "MMR", "MMRV", "PNEUMOCOCCAL", "PERTUSSIS", "RSV", "SHINGLES"] as const;
export type VaccineType = (typeof VACCINE_TYPES)[number];

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
          .object({ resourceType: z.string(), name: z.array(z.object({ family: z.string().optional(), given: z.array(z.string()).optional() })).optional() })
          .loose(),
      )
      .optional(),
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
}

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

function vaccinationOf(resource: z.infer<typeof immunizationSchema>, patients: Map<string, string>): Vaccination {
  const protocol = resource.protocolApplied?.[0];
  const disease = displayOf(protocol?.targetDisease?.[0]);
  const practitionerName = resource.contained?.find((entry) => entry.resourceType === "Practitioner")?.name?.[0];
  const practitioner = practitionerName ? [...(practitionerName.given ?? []), practitionerName.family].filter(Boolean).join(" ") || null : null;
  // the API's one performer is the organisation responsible for the vaccination
  const organisation = resource.performer?.find((entry) => entry.actor.type === "Organization")?.actor;
  const dose = resource.doseQuantity?.value !== undefined ? `${resource.doseQuantity.value} ${resource.doseQuantity.unit ?? ""}`.trim() : null;
  return {
    id: resource.id,
    vaccineType: disease ? (TYPE_BY_DISEASE_WORD.find(([pattern]) => pattern.test(disease))?.[1] ?? null) : null,
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
  };
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
}
