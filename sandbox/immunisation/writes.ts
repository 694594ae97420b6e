import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { SNOMED, VACCINE_TYPES, vaccineTypeOfDiseases, type VaccineType } from "../../lib/nhs/immunisation/vaccine-types";

/**
 * The stand-in Immunisation API's write side: records created, changed and marked entered in error through it,
 * with what the API checks on the way in (the spec's required elements, the vaccine type from the target disease,
 * the caller's permission for the interaction and type, the identifier's uniqueness, the E-Tag version).
 */

export type Interaction = "create" | "read" | "update" | "delete" | "search";
export const INTERACTIONS: readonly Interaction[] = ["create", "read", "update", "delete", "search"];

/** What an application may do, by vaccine type, as NHS England grants it at onboarding. */
export type Permissions = Partial<Record<VaccineType, readonly Interaction[]>>;

const EVERYTHING: readonly Interaction[] = INTERACTIONS;
const READ_ONLY: readonly Interaction[] = ["read", "search"];

/**
 * Every application's grant unless it has its own: every interaction for every type but MMRV, which it may only
 * read, so that a refusal by vaccine type can be shown.
 */
export const DEFAULT_PERMISSIONS: Permissions = Object.fromEntries(VACCINE_TYPES.map((type) => [type, type === "MMRV" ? READ_ONLY : EVERYTHING]));

export interface StoredRecord {
  id: string;
  nhsNumber: string;
  vaccineType: VaccineType;
  identifierKey: string;
  version: number;
  deleted: boolean;
  resource: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The elements the spec requires of a create (createImmunization's request schema). */
export const REQUIRED_ELEMENTS = [
  "resourceType",
  "contained",
  "extension",
  "identifier",
  "status",
  "vaccineCode",
  "patient",
  "occurrenceDateTime",
  "recorded",
  "primarySource",
  "location",
  "performer",
  "protocolApplied",
] as const;

function snomedCodes(concept: unknown): string[] {
  if (!isObject(concept) || !Array.isArray(concept.coding)) return [];
  return concept.coding
    .filter((coding) => isObject(coding) && coding.system === SNOMED && typeof coding.code === "string")
    .map((coding) => (coding as Json).code as string);
}

export type Checked = { kind: "valid"; nhsNumber: string; vaccineType: VaccineType; identifierKey: string } | { kind: "invalid"; problems: string[] };

/** The record's problems as the API names them: each element by its path, all in one diagnostics string. */
export function checkRecord(body: unknown, now = new Date()): Checked {
  if (!isObject(body)) return { kind: "invalid", problems: ["the request body is not a JSON object"] };
  const problems: string[] = [];
  for (const element of REQUIRED_ELEMENTS) if (body[element] === undefined || body[element] === null) problems.push(`${element} is a mandatory field`);
  if (body.resourceType !== undefined && body.resourceType !== "Immunization") problems.push("resourceType must be Immunization");
  if (body.status !== undefined && body.status !== "completed") problems.push("status must be completed");
  if (body.primarySource !== undefined && typeof body.primarySource !== "boolean") problems.push("primarySource must be a boolean");

  const contained = Array.isArray(body.contained) ? body.contained.filter(isObject) : [];
  const reference = isObject(body.patient) ? body.patient.reference : undefined;
  const patient = contained.find((resource) => resource.resourceType === "Patient" && `#${String(resource.id)}` === reference);
  let nhsNumber = "";
  if (body.patient !== undefined && !patient) problems.push("patient.reference must refer to a contained Patient");
  if (patient) {
    const identifiers = Array.isArray(patient.identifier) ? patient.identifier.filter(isObject) : [];
    nhsNumber = String(identifiers.find((entry) => entry.system === "https://fhir.nhs.uk/Id/nhs-number")?.value ?? "");
    if (!isValidNhsNumber(nhsNumber)) problems.push("contained[?(@.resourceType=='Patient')].identifier[0].value must be a valid NHS number");
    const name = Array.isArray(patient.name) && isObject(patient.name[0]) ? patient.name[0] : undefined;
    if (!name || typeof name.family !== "string" || !name.family) problems.push("contained[?(@.resourceType=='Patient')].name[0].family is a mandatory field");
    if (typeof patient.birthDate !== "string" || !DATE.test(patient.birthDate))
      problems.push("contained[?(@.resourceType=='Patient')].birthDate must be a date");
    if (!["male", "female", "other", "unknown"].includes(String(patient.gender)))
      problems.push("contained[?(@.resourceType=='Patient')].gender must be male, female, other or unknown");
  }

  const procedure = Array.isArray(body.extension)
    ? body.extension.find((entry) => isObject(entry) && String(entry.url).endsWith("Extension-UKCore-VaccinationProcedure"))
    : undefined;
  if (body.extension !== undefined && !snomedCodes(isObject(procedure) ? procedure.valueCodeableConcept : undefined).length) {
    problems.push(
      "extension[?(@.url=='…Extension-UKCore-VaccinationProcedure')].valueCodeableConcept.coding[?(@.system=='http://snomed.info/sct')].code is a mandatory field",
    );
  }
  const identifier = Array.isArray(body.identifier) && isObject(body.identifier[0]) ? body.identifier[0] : undefined;
  if (
    body.identifier !== undefined &&
    (!identifier || typeof identifier.system !== "string" || !identifier.system || typeof identifier.value !== "string" || !identifier.value)
  ) {
    problems.push("identifier[0].system and identifier[0].value are mandatory fields");
  }
  if (body.vaccineCode !== undefined && !snomedCodes(body.vaccineCode).length)
    problems.push("vaccineCode.coding[?(@.system=='http://snomed.info/sct')].code is a mandatory field");
  for (const element of ["occurrenceDateTime", "recorded"] as const) {
    const value = body[element];
    if (value === undefined) continue;
    if (typeof value !== "string" || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
      problems.push(`${element} must be a date and time with its offset`);
    else if (Date.parse(value) > now.getTime() + 60_000) problems.push(`${element} must not be in the future`);
  }
  if (body.expirationDate !== undefined && (typeof body.expirationDate !== "string" || !DATE.test(body.expirationDate)))
    problems.push("expirationDate must be a date");
  const location = isObject(body.location) && isObject(body.location.identifier) ? body.location.identifier : undefined;
  if (body.location !== undefined && (!location || typeof location.value !== "string" || !location.value))
    problems.push("location.identifier.value is a mandatory field");
  const performers = Array.isArray(body.performer) ? body.performer.filter(isObject) : [];
  const organisation = performers.map((entry) => entry.actor).find((actor) => isObject(actor) && actor.type === "Organization");
  if (body.performer !== undefined && (!isObject(organisation) || !isObject(organisation.identifier) || !organisation.identifier.value)) {
    problems.push("performer[?(@.actor.type=='Organization')].actor.identifier.value is a mandatory field");
  }
  if (isObject(body.doseQuantity) && (typeof body.doseQuantity.value !== "number" || !(body.doseQuantity.value > 0)))
    problems.push("doseQuantity.value must be a positive number");

  const protocol = Array.isArray(body.protocolApplied) && isObject(body.protocolApplied[0]) ? body.protocolApplied[0] : undefined;
  let vaccineType: VaccineType | undefined;
  if (body.protocolApplied !== undefined) {
    const diseases = Array.isArray(protocol?.targetDisease) ? protocol.targetDisease.flatMap(snomedCodes) : [];
    vaccineType = vaccineTypeOfDiseases(diseases);
    if (!diseases.length) problems.push("protocolApplied[0].targetDisease[0].coding[?(@.system=='http://snomed.info/sct')].code is a mandatory field");
    else if (!vaccineType) problems.push("protocolApplied[0].targetDisease is not the target disease(s) of a supported vaccine type");
    const dose = protocol?.doseNumberPositiveInt;
    if (dose === undefined && typeof protocol?.doseNumberString !== "string") problems.push("protocolApplied[0].doseNumberPositiveInt is a mandatory field");
    if (dose !== undefined && (typeof dose !== "number" || !Number.isInteger(dose) || dose < 1 || dose > 9)) {
      problems.push("protocolApplied[0].doseNumberPositiveInt must be a positive integer between 1 and 9");
    }
  }
  if (problems.length) return { kind: "invalid", problems };
  return { kind: "valid", nhsNumber, vaccineType: vaccineType!, identifierKey: `${identifier!.system as string}#${identifier!.value as string}` };
}

/** The records written through the stand-in, with the permission matrix it applies. */
export class ImmunisationWrites {
  readonly records = new Map<string, StoredRecord>();
  private readonly byIdentifier = new Map<string, string>();
  /** Per application (the token's client, or "local" with no token), what it may do; others get DEFAULT_PERMISSIONS. */
  readonly permissions = new Map<string, Permissions>();

  allowed(application: string, type: VaccineType, interaction: Interaction): boolean {
    return (this.permissions.get(application) ?? DEFAULT_PERMISSIONS)[type]?.includes(interaction) ?? false;
  }

  byIdentifierKey(key: string): StoredRecord | undefined {
    const id = this.byIdentifier.get(key);
    return id ? this.records.get(id) : undefined;
  }

  add(record: StoredRecord) {
    this.records.set(record.id, record);
    this.byIdentifier.set(record.identifierKey, record.id);
  }

  forPatient(nhsNumber: string): StoredRecord[] {
    return [...this.records.values()].filter((record) => record.nhsNumber === nhsNumber && !record.deleted);
  }
}
