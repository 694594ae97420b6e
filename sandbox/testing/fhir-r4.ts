import { z } from "zod";

/**
 * FHIR R4 structure for the resource types the stand-in serves: each resource's required elements
 * (cardinality 1..) and required code sets, as the R4 specification defines them. Elements beyond
 * those are allowed, as FHIR allows them.
 */

const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const code = z.string().regex(/^[^\s]+(\s[^\s]+)*$/);
const dateTime = z.string().regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/);
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const coding = z.object({ system: z.string().optional(), code: code.optional(), display: z.string().optional() }).loose();
const codeableConcept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() }).loose();
const reference = z
  .object({
    reference: z.string().optional(),
    identifier: z.object({ system: z.string().optional(), value: z.string().optional() }).loose().optional(),
    display: z.string().optional(),
  })
  .loose();
const narrative = z.object({ status: z.enum(["generated", "extensions", "additional", "empty"]), div: z.string().startsWith("<div") });

const base = { id: id.optional(), meta: z.object({ versionId: id.optional(), lastUpdated: dateTime.optional() }).loose().optional() };

const schemas: Record<string, z.ZodType> = {
  OperationOutcome: z
    .object({
      ...base,
      issue: z
        .array(
          z
            .object({
              severity: z.enum(["fatal", "error", "warning", "information"]),
              code,
              details: codeableConcept.optional(),
              diagnostics: z.string().optional(),
            })
            .loose(),
        )
        .min(1),
    })
    .loose(),
  Patient: z
    .object({ ...base, gender: z.enum(["male", "female", "other", "unknown"]).optional(), birthDate: date.optional(), deceasedDateTime: dateTime.optional() })
    .loose(),
  RelatedPerson: z.object({ ...base, patient: reference }).loose(),
  DocumentReference: z
    .object({
      ...base,
      status: z.enum(["current", "superseded", "entered-in-error"]),
      content: z.array(z.object({ attachment: z.object({ url: z.string().optional(), contentType: code.optional() }).loose() }).loose()).min(1),
    })
    .loose(),
  Composition: z
    .object({
      ...base,
      status: z.enum(["preliminary", "final", "amended", "entered-in-error"]),
      type: codeableConcept,
      date: dateTime,
      author: z.array(reference).min(1),
      title: z.string().min(1),
      section: z.array(z.object({ title: z.string().optional(), text: narrative.optional() }).loose()).optional(),
    })
    .loose(),
  Practitioner: z.object(base).loose(),
  PractitionerRole: z.object(base).loose(),
  Organization: z.object(base).loose(),
  Location: z.object(base).loose(),
  HealthcareService: z.object(base).loose(),
  Device: z.object(base).loose(),
  Endpoint: z
    .object({
      ...base,
      status: z.enum(["active", "suspended", "error", "off", "entered-in-error", "test"]),
      connectionType: coding,
      payloadType: z.array(codeableConcept).min(1),
      address: z.string(),
    })
    .loose(),
  AuditEvent: z.object({ ...base, type: coding, recorded: dateTime.optional(), agent: z.array(z.object({ requestor: z.boolean() }).loose()).min(1) }).loose(),
  RequestGroup: z
    .object({
      ...base,
      status: z.enum(["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"]),
      intent: z.enum(["proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"]),
    })
    .loose(),
  MedicationRequest: z
    .object({
      ...base,
      status: z.enum(["active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped", "draft", "unknown"]),
      intent: z.enum(["proposal", "plan", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"]),
      subject: reference,
      medicationCodeableConcept: codeableConcept,
    })
    .loose(),
  MedicationDispense: z
    .object({
      ...base,
      status: z.enum(["preparation", "in-progress", "cancelled", "on-hold", "completed", "entered-in-error", "stopped", "declined", "unknown"]),
      medicationCodeableConcept: codeableConcept,
    })
    .loose(),
  Immunization: z
    .object({
      ...base,
      status: z.enum(["completed", "entered-in-error", "not-done"]),
      vaccineCode: codeableConcept,
      patient: reference,
      occurrenceDateTime: dateTime,
    })
    .loose(),
  ServiceRequest: z
    .object({
      ...base,
      status: z.enum(["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"]),
      intent: z.enum(["proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"]),
      subject: reference,
    })
    .loose(),
  Appointment: z
    .object({
      ...base,
      status: z.enum(["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow", "entered-in-error", "checked-in", "waitlist"]),
      participant: z.array(z.object({ status: z.enum(["accepted", "declined", "tentative", "needs-action"]) }).loose()).min(1),
    })
    .loose(),
  MessageHeader: z.object({ ...base, eventCoding: coding, source: z.object({ endpoint: z.string() }).loose() }).loose(),
  CodeSystem: z.object({ ...base, status: z.enum(["draft", "active", "retired", "unknown"]), content: code }).loose(),
  CapabilityStatement: z
    .object({
      ...base,
      status: z.enum(["draft", "active", "retired", "unknown"]),
      date: dateTime,
      kind: z.enum(["instance", "capability", "requirements"]),
      fhirVersion: z.string(),
      format: z.array(z.string()).min(1),
    })
    .loose(),
  Parameters: z.object(base).loose(),
  Slot: z
    .object({
      ...base,
      schedule: reference,
      status: z.enum(["busy", "free", "busy-unavailable", "busy-tentative", "entered-in-error"]),
      start: dateTime,
      end: dateTime,
    })
    .loose(),
  Schedule: z.object({ ...base, actor: z.array(reference).min(1) }).loose(),
  List: z.object({ ...base, status: z.enum(["current", "retired", "entered-in-error"]), mode: z.enum(["working", "snapshot", "changes"]) }).loose(),
  // e-RS's STU3 endpoints: ReferralRequest is STU3's forerunner of ServiceRequest
  ReferralRequest: z
    .object({
      ...base,
      status: z.enum(["draft", "active", "suspended", "cancelled", "completed", "entered-in-error", "unknown"]),
      intent: z.enum(["proposal", "plan", "order"]),
      subject: reference,
    })
    .loose(),
  Binary: z.object({ ...base, contentType: code }).loose(),
};

const bundle = z
  .object({
    ...base,
    type: z.enum(["document", "message", "transaction", "transaction-response", "batch", "batch-response", "history", "searchset", "collection"]),
    total: z.number().int().min(0).optional(),
    entry: z
      .array(
        z
          .object({
            fullUrl: z.string().optional(),
            resource: z.object({ resourceType: z.string() }).loose().optional(),
            search: z
              .object({ mode: z.enum(["match", "include", "outcome"]).optional(), score: z.number().optional() })
              .loose()
              .optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

/** The problems with a resource (recursing into a Bundle's entries), or [] when it is valid R4. */
export function fhirProblems(resource: unknown, path = "resource"): string[] {
  if (typeof resource !== "object" || resource === null) return [`${path}: not an object`];
  const resourceType = (resource as { resourceType?: unknown }).resourceType;
  if (resourceType === "Bundle") {
    const parsed = bundle.safeParse(resource);
    if (!parsed.success) return parsed.error.issues.map((issue) => `${path}.${issue.path.join(".")}: ${issue.message}`);
    const entries = parsed.data.entry ?? [];
    if (
      parsed.data.type === "searchset" &&
      parsed.data.total !== undefined &&
      parsed.data.total < entries.filter((entry) => entry.search?.mode !== "include" && entry.search?.mode !== "outcome").length
    ) {
      return [`${path}.total: fewer than its matches`];
    }
    return entries.flatMap((entry, index) => (entry.resource ? fhirProblems(entry.resource, `${path}.entry[${index}].resource`) : []));
  }
  if (typeof resourceType !== "string") return [`${path}.resourceType: missing`];
  const schema = schemas[resourceType];
  if (!schema) return [`${path}.resourceType: ${resourceType} is not a resource type the checker knows`];
  const parsed = schema.safeParse(resource);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${path}(${resourceType}).${issue.path.join(".")}: ${issue.message}`);
}

/** Fails unless the body is valid R4 of the given type. */
export function expectFhir(body: unknown, resourceType: string) {
  const actual = (body as { resourceType?: string })?.resourceType;
  if (actual !== resourceType) throw new Error(`expected a ${resourceType}, got ${String(actual)}`);
  const problems = fhirProblems(body);
  if (problems.length) throw new Error(`not valid FHIR R4:\n${problems.join("\n")}`);
}
