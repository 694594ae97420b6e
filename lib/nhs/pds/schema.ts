import { z } from "zod";
import { codeableConcept, coding, requiredIdentifier } from "../fhir/datatypes";

const period = z.object({ start: z.string().optional(), end: z.string().optional() });

const humanName = z.object({
  id: z.string().optional(),
  use: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  suffix: z.array(z.string()).optional(),
  period: period.optional(),
});

const address = z.object({
  id: z.string().optional(),
  use: z.string().optional(),
  text: z.string().optional(),
  line: z.array(z.string()).optional(),
  postalCode: z.string().optional(),
  period: period.optional(),
});

const contactPoint = z.object({
  id: z.string().optional(),
  system: z.string().optional(),
  value: z.string().optional(),
  use: z.string().optional(),
  period: period.optional(),
});

const identifierReference = z.object({
  type: z.string().optional(),
  identifier: requiredIdentifier.optional(),
});

/** Extensions are open-ended: each is read by its URL, and anything else in it is ignored. */
type Extension = {
  url: string;
  valueBoolean?: boolean;
  valueString?: string;
  valueCodeableConcept?: z.infer<typeof codeableConcept>;
  valueReference?: z.infer<typeof identifierReference>;
  extension?: Extension[];
};
const extension: z.ZodType<Extension> = z.lazy(() =>
  z.object({
    url: z.string(),
    valueBoolean: z.boolean().optional(),
    valueString: z.string().optional(),
    valueCodeableConcept: codeableConcept.optional(),
    valueReference: identifierReference.optional(),
    extension: z.array(extension).optional(),
  }),
);

/** The parts of a PDS Patient the app reads; anything else PDS sends is ignored, not rejected. */
export const pdsPatientSchema = z.object({
  resourceType: z.literal("Patient"),
  id: z.string().regex(/^\d{10}$/, "is not an NHS number"),
  meta: z
    .object({
      versionId: z.string().optional(),
      lastUpdated: z.string().optional(),
      security: z.array(coding).optional(),
    })
    .optional(),
  name: z.array(humanName).optional(),
  gender: z.enum(["male", "female", "other", "unknown"]).optional(),
  birthDate: z.string().optional(),
  deceasedDateTime: z.string().optional(),
  address: z.array(address).optional(),
  telecom: z.array(contactPoint).optional(),
  generalPractitioner: z.array(identifierReference).optional(),
  extension: z.array(extension).optional(),
  contact: z
    .array(
      z.object({
        id: z.string().optional(),
        relationship: z.array(codeableConcept).optional(),
        telecom: z.array(contactPoint).optional(),
      }),
    )
    .optional(),
});

export type PdsPatient = z.infer<typeof pdsPatientSchema>;

export const pdsSearchBundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  type: z.literal("searchset"),
  total: z.number().int().min(0).optional(),
  entry: z
    .array(
      z.object({
        search: z.object({ score: z.number().min(0).max(1).optional() }).optional(),
        resource: pdsPatientSchema,
      }),
    )
    .optional(),
});

export const pdsRelatedPersonBundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  entry: z
    .array(
      z.object({
        resource: z.object({
          resourceType: z.literal("RelatedPerson"),
          id: z.string().optional(),
          patient: identifierReference.optional(),
          name: z.array(humanName).optional(),
          relationship: z.array(codeableConcept).optional(),
          telecom: z.array(contactPoint).optional(),
          address: z.array(address).optional(),
          extension: z.array(extension).optional(),
        }),
      }),
    )
    .optional(),
});
