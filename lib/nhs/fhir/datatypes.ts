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
