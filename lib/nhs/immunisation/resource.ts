import { SNOMED, VACCINE_TYPE_CODING, type SnomedConcept, type VaccineType } from "./vaccine-types";

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const SDS_USER_SYSTEM = "https://fhir.nhs.uk/Id/sds-user-id";
const UCUM = "http://unitsofmeasure.org";
const PROCEDURE_EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-VaccinationProcedure";

/** The units a dose is measured in, as UCUM codes with the words the record carries. */
export const DOSE_UNITS = { ml: "milliliter", ug: "microgram" } as const;
export type DoseUnit = keyof typeof DOSE_UNITS;

/** Everything a record of a vaccination given here says: the form's checked values, who gave it, where, to whom. */
export interface VaccinationRecordInput {
  /** The app's own identifier for the record, fixed when the form started: how a repeat is known to be one. */
  identifier: { system: string; value: string };
  vaccineType: VaccineType;
  product: SnomedConcept;
  batch: string;
  /** yyyy-mm-dd */
  expiry: string;
  doseNumber: number;
  dose: { value: number; unit: DoseUnit };
  site: SnomedConcept;
  route: SnomedConcept;
  /** When it was given: an ISO date-time with its offset. */
  occurredAt: string;
  /** When the record was made. */
  recordedAt: string;
  /** Where it was given and who is responsible: the user's organisation. */
  organisation: { odsCode: string; name: string | null };
  /** Who gave it: the signed-in user, by their SDS user id (CIS2 uid). */
  performer: { sdsUserId: string; family: string; given: string[] };
  /** The patient as PDS holds them: the API keeps these with the record. */
  patient: { nhsNumber: string; family: string; given: string[]; gender: string; birthDate: string; postalCode: string | null };
}

/**
 * The FHIR Immunization the Immunisation FHIR API takes for a create (and, with its id, an update): the spec's
 * required elements (resourceType, contained, extension, identifier, status, vaccineCode, patient,
 * occurrenceDateTime, recorded, primarySource, location, performer, protocolApplied) and what a clinician records.
 * The patient and practitioner are contained resources, as the spec's examples have them.
 */
export function immunizationResource(input: VaccinationRecordInput, id?: string) {
  const coding = VACCINE_TYPE_CODING[input.vaccineType];
  const snomed = (concept: SnomedConcept) => ({ coding: [{ system: SNOMED, code: concept.code, display: concept.display }] });
  return {
    resourceType: "Immunization" as const,
    ...(id ? { id } : {}),
    contained: [
      {
        resourceType: "Practitioner",
        id: "Pract1",
        identifier: [{ system: SDS_USER_SYSTEM, value: input.performer.sdsUserId }],
        name: [{ family: input.performer.family, given: input.performer.given }],
      },
      {
        resourceType: "Patient",
        id: "Pat1",
        identifier: [{ system: NHS_NUMBER_SYSTEM, value: input.patient.nhsNumber }],
        name: [{ family: input.patient.family, given: input.patient.given }],
        gender: input.patient.gender,
        birthDate: input.patient.birthDate,
        // ZZ99 3CZ: the postcode NHS records carry when the address is not known
        address: [{ postalCode: input.patient.postalCode ?? "ZZ99 3CZ" }],
      },
    ],
    extension: [{ url: PROCEDURE_EXTENSION, valueCodeableConcept: snomed(coding.procedure) }],
    identifier: [{ system: input.identifier.system, value: input.identifier.value }],
    status: "completed",
    vaccineCode: snomed(input.product),
    patient: { reference: "#Pat1" },
    occurrenceDateTime: input.occurredAt,
    recorded: input.recordedAt,
    primarySource: true,
    location: { type: "Location", identifier: { system: ODS_SYSTEM, value: input.organisation.odsCode } },
    lotNumber: input.batch,
    expirationDate: input.expiry,
    site: snomed(input.site),
    route: snomed(input.route),
    doseQuantity: { value: input.dose.value, unit: DOSE_UNITS[input.dose.unit], system: UCUM, code: input.dose.unit },
    performer: [
      { actor: { reference: "#Pract1" } },
      {
        actor: {
          type: "Organization",
          identifier: { system: ODS_SYSTEM, value: input.organisation.odsCode },
          ...(input.organisation.name ? { display: input.organisation.name } : {}),
        },
      },
    ],
    protocolApplied: [{ targetDisease: coding.targetDiseases.map(snomed), doseNumberPositiveInt: input.doseNumber }],
  };
}

export type ImmunizationResource = ReturnType<typeof immunizationResource>;
