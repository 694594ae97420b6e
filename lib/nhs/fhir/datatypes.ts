import { z } from "zod";

/**
 * FHIR R4 data types as the NHS APIs send them, written once. Every field is optional where the
 * national APIs leave it out in practice: a missing display must never fail a whole bundle.
 */
export const coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });

export const codeableConcept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });

/** An identifier whose value may be absent (a reference's identifier, a loose custodian). */
export const identifier = z.object({ system: z.string().optional(), value: z.string().optional() });

/** An identifier the API always fills (an NHS number, an ODS code). */
export const requiredIdentifier = z.object({ system: z.string().optional(), value: z.string() });

/** A FHIR Bundle of one kind of resource, as the APIs' searches answer; an empty search may leave out `entry`. */
export function bundleOf<R extends z.ZodType>(resource: R) {
  return z.object({ resourceType: z.literal("Bundle"), total: z.number().optional(), entry: z.array(z.object({ resource })).optional() });
}

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

/** A reference to the patient, by reference (to a resource in the same bundle) or by identifier, or both. */
export const patientReference = z.object({ reference: z.string().optional(), identifier: identifier.optional() });

/**
 * The NHS number of every Patient in a bundle, by the ways an entry may refer to it (`urn:uuid:<id>`,
 * `Patient/<id>`, `<id>`), so that each item of a list can be checked to be about the patient asked for.
 */
export function patientsInBundle(resources: ReadonlyArray<{ resourceType: string; id?: string; identifier?: unknown }>): Map<string, string> {
  const found = new Map<string, string>();
  for (const resource of resources) {
    if (resource.resourceType !== "Patient" || !resource.id) continue;
    const identifiers = Array.isArray(resource.identifier) ? resource.identifier : resource.identifier ? [resource.identifier] : [];
    const nhsNumber = (identifiers as Array<{ system?: string; value?: string }>).find((entry) => entry.system === NHS_NUMBER_SYSTEM)?.value;
    if (!nhsNumber) continue;
    for (const key of [resource.id, `urn:uuid:${resource.id}`, `Patient/${resource.id}`]) found.set(key, nhsNumber);
  }
  return found;
}

/** The NHS number an item names for its patient: its own identifier, else the Patient it refers to; null if neither says. */
export function nhsNumberOf(reference: z.infer<typeof patientReference> | undefined, patients: Map<string, string>): string | null {
  if (reference?.identifier?.value && (!reference.identifier.system || reference.identifier.system === NHS_NUMBER_SYSTEM)) return reference.identifier.value;
  return (reference?.reference && patients.get(reference.reference)) || null;
}
