import { z } from "zod";

const period = z.object({ start: z.string().optional(), end: z.string().optional() });
const coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });

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
  line: z.array(z.string()).optional(),
  postalCode: z.string().optional(),
  period: period.optional(),
});

const organisationReference = z.object({
  type: z.string().optional(),
  identifier: z.object({ system: z.string().optional(), value: z.string() }).optional(),
});

/** The parts of a PDS Patient the app reads; anything else PDS sends is ignored, not rejected. */
export const pdsPatientSchema = z.object({
  resourceType: z.literal("Patient"),
  id: z.string().regex(/^\d{10}$/, "is not an NHS number"),
  meta: z
    .object({
      versionId: z.string().optional(),
      security: z.array(coding).optional(),
    })
    .optional(),
  name: z.array(humanName).optional(),
  gender: z.enum(["male", "female", "other", "unknown"]).optional(),
  birthDate: z.string().optional(),
  deceasedDateTime: z.string().optional(),
  address: z.array(address).optional(),
  generalPractitioner: z.array(organisationReference).optional(),
});

export type PdsPatient = z.infer<typeof pdsPatientSchema>;
