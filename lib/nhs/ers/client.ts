import "server-only";
import { z } from "zod";
import type { ApimAuthoriser } from "../transport/apim-auth";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { readBounded, type DocumentFetchSettings } from "../transport/bounded-body";
import { withDeadline } from "../transport/deadline";
import { outsideRequest } from "../transport/outside-request";
import { coding, identifier } from "../fhir/datatypes";

export const BUSINESS_FUNCTIONS = [
  "REFERRING_CLINICIAN",
  "REFERRING_CLINICIAN_ADMIN",
  "REFERRING_ADMIN",
  "SERVICE_PROVIDER_CLINICIAN",
  "SERVICE_PROVIDER_CLINICIAN_ADMIN",
  "SERVICE_PROVIDER_ADMIN",
  "SERVICE_DEFINER",
] as const;
export type BusinessFunction = (typeof BUSINESS_FUNCTIONS)[number];

export const isValidUbrn = (value: string) => /^\d{12}$/.test(value);

const practitionerRoleBundle = z.object({
  resourceType: z.literal("Bundle"),
  entry: z
    .array(
      z.object({
        resource: z.object({
          resourceType: z.literal("PractitionerRole"),
          organization: z.object({ identifier: z.object({ value: z.string() }), display: z.string().optional() }),
          code: z.array(z.object({ coding: z.array(coding) })).optional(),
        }),
      }),
    )
    .optional(),
});

type Extension = {
  url: string;
  valueDateTime?: string;
  valueCoding?: z.infer<typeof coding>;
  valueCodeableConcept?: { coding?: z.infer<typeof coding>[] };
  valueInstant?: string;
  valueString?: string;
  valueReference?: { reference?: string; identifier?: { value?: string } };
  extension?: Extension[];
};
const extension: z.ZodType<Extension> = z.lazy(() =>
  z.object({
    url: z.string(),
    valueCoding: coding.optional(),
    valueCodeableConcept: z.object({ coding: z.array(coding).optional() }).optional(),
    valueInstant: z.string().optional(),
    valueDateTime: z.string().optional(),
    valueString: z.string().optional(),
    valueReference: z.object({ reference: z.string().optional(), identifier: identifier.optional() }).optional(),
    extension: z.array(extension).optional(),
  }),
);
const referralSchema = z
  .object({
    resourceType: z.literal("ReferralRequest"),
    id: z.string(),
    meta: z.object({ versionId: z.string().optional() }).optional(),
    extension: z.array(extension).optional(),
    contained: z.array(z.object({ resourceType: z.string(), id: z.string().optional() }).loose()).optional(),
    specialty: z.object({ coding: z.array(coding).optional() }).optional(),
    subject: z.object({ identifier: z.object({ value: z.string() }).optional() }),
    supportingInfo: z.array(z.object({ reference: z.string().optional() })).optional(),
  })
  .loose();

export interface ErsRole {
  odsCode: string;
  organisationName: string | null;
  businessFunctions: BusinessFunction[];
}

export interface ReferralAttachment {
  id: string;
  title: string;
  contentType: string | null;
  size: number | null;
  availability: string;
}

export interface Referral {
  ubrn: string;
  version: string | null;
  state: string;
  priority: string | null;
  specialty: string | null;
  /** e-RS's code for the specialty (CodeSystem/SPECIALTY), which NHS.UK information is chosen by; never its display. */
  specialtyCode: string | null;
  /** The service booked, or else the one shortlisted. */
  service: { id: string | null; name: string | null };
  /** When the clinical information was first submitted. */
  created: string | null;
  pathwayStart: string | null;
  appointment: { start: string; end: string | null } | null;
  relatedUbrn: string | null;
  convertedFromAdviceUbrn: string | null;
  additionalRequirements: string[];
  attachments: ReferralAttachment[];
  patientNhsNumber: string | null;
}

export type ErsRolesOutcome = { kind: "found"; roles: ErsRole[] } | { kind: "failed"; failure: NhsFailure };
export type ReferralOutcome =
  | { kind: "found"; referral: Referral; requestId: string; retrievedAt: Date }
  | { kind: "not-found"; requestId: string; code: string | null }
  | { kind: "refused"; requestId: string; code: string | null }
  | { kind: "failed"; failure: NhsFailure };
export type AttachmentOutcome =
  | { kind: "found"; contentType: string; body: Uint8Array }
  | { kind: "unavailable"; reason: string }
  | { kind: "too-large"; limitBytes: number }
  | { kind: "failed"; problem: string };

/** The attachment types e-RS takes that are passed on as they are; any other is sent as a download of unknown type. */
export const ATTACHMENT_TYPES = new Set([
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/tiff",
  "text/plain",
  "application/rtf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
]);

const SERVICE_SYSTEM = "http://fhir.nhs.net/Id/ers-service";
const byUrl = (extensions: Extension[] | undefined, suffix: string) => extensions?.find((entry) => entry.url.endsWith(suffix));

export function toReferral(resource: z.infer<typeof referralSchema>): Referral {
  const contained = (resource.contained ?? []) as Array<Record<string, unknown> & { resourceType: string; id?: string }>;
  type ServiceReference = { identifier?: { system?: string; value?: string }; display?: string };
  const appointment = contained.find((entry) => entry.resourceType === "Appointment") as
    | { start?: string; end?: string; participant?: Array<{ actor?: ServiceReference }> }
    | undefined;
  const shortlist = contained.find((entry) => entry.resourceType === "List") as { entry?: Array<{ item?: ServiceReference }> } | undefined;
  const service =
    appointment?.participant?.map((participant) => participant.actor).find((actor) => actor?.identifier?.system === SERVICE_SYSTEM) ??
    shortlist?.entry?.map((entry) => entry.item).find((item) => item?.identifier?.system === SERVICE_SYSTEM);
  const supporting = (resourceType: string) =>
    resource.supportingInfo
      ?.map((info) => info.reference ?? "")
      .find((reference) => reference.startsWith(`${resourceType}/`))
      ?.slice(resourceType.length + 1) ?? null;
  const attachments = contained
    .filter((entry) => entry.resourceType === "DocumentReference")
    .map((entry) => {
      const attachment = (
        entry.content as Array<{ attachment?: { id?: string; title?: string; contentType?: string; size?: number; extension?: Extension[] } }> | undefined
      )?.[0]?.attachment;
      return {
        id: attachment?.id ?? "",
        title: attachment?.title ?? (entry.description as string | undefined) ?? "Attachment",
        contentType: attachment?.contentType ?? null,
        size: attachment?.size ?? null,
        availability: byUrl(attachment?.extension, "AvailabilityStatus-1")?.valueCoding?.code ?? "AVAILABLE",
      };
    })
    .filter((attachment) => attachment.id);
  return {
    ubrn: resource.id,
    version: resource.meta?.versionId ?? null,
    state: byUrl(resource.extension, "ReferralState-1")?.extension?.find((part) => part.url === "state")?.valueCoding?.code ?? "UNKNOWN",
    priority: byUrl(resource.extension, "ReferralPriority-1")?.valueCodeableConcept?.coding?.[0]?.code ?? null,
    specialty: resource.specialty?.coding?.[0]?.display ?? resource.specialty?.coding?.[0]?.code ?? null,
    specialtyCode: resource.specialty?.coding?.[0]?.code ?? null,
    service: { id: service?.identifier?.value ?? null, name: service?.display ?? null },
    created: byUrl(resource.extension, "ClinicalInfoFirstSubmitted-1")?.valueDateTime ?? null,
    pathwayStart: byUrl(resource.extension, "eReferralPathwayStart-1")?.valueInstant ?? null,
    appointment: appointment?.start ? { start: appointment.start, end: appointment.end ?? null } : null,
    // e-RS names a related referral, and the advice and guidance request a referral came from, as supporting information
    relatedUbrn: supporting("ReferralRequest"),
    convertedFromAdviceUbrn: supporting("CommunicationRequest"),
    additionalRequirements: (resource.extension ?? [])
      .filter((entry) => entry.url.endsWith("PatientAdditionalRequirement-1"))
      .map((entry) => entry.valueCoding?.display ?? entry.valueCoding?.code ?? "")
      .filter(Boolean),
    attachments,
    patientNhsNumber: resource.subject.identifier?.value ?? null,
  };
}

export class ErsClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
    private readonly attachments: DocumentFetchSettings,
    /** The download is a redirect the shared client does not follow, so it is authorised here. */
    private readonly authoriser?: Pick<ApimAuthoriser, "authorise">,
  ) {}

  private get fetchImpl() {
    return this.attachments.fetchImpl ?? fetch;
  }

  private headers(businessFunction: BusinessFunction) {
    return { "nhsd-ers-business-function": businessFunction };
  }

  /** A030: the organisations and business functions the user holds in e-RS. */
  async roles(context: NhsCallContext): Promise<ErsRolesOutcome> {
    const response = await this.client.call({
      api: "ers",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/R4/PractitionerRole",
      schema: practitionerRoleBundle,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    return {
      kind: "found",
      roles: (response.body.entry ?? []).map(({ resource }) => ({
        odsCode: resource.organization.identifier.value,
        organisationName: resource.organization.display ?? null,
        businessFunctions: (resource.code ?? [])
          .flatMap((code) => code.coding.map((entry) => entry.code))
          .filter((code): code is BusinessFunction => BUSINESS_FUNCTIONS.includes(code as BusinessFunction)),
      })),
    };
  }

  /** A008: a worklist. e-RS sends it whole; the app pages it. */
  worklist(listType: WorklistType, filter: WorklistFilter, businessFunction: BusinessFunction, context: NhsCallContext): Promise<WorklistOutcome> {
    return fetchWorklist(this.client, this.baseUrl, listType, filter, businessFunction, context);
  }

  /** A005: one referral by UBRN. */
  async referral(ubrn: string, businessFunction: BusinessFunction, context: NhsCallContext): Promise<ReferralOutcome> {
    const response = await this.client.call({
      api: "ers",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/STU3/ReferralRequest/${encodeURIComponent(ubrn)}`,
      headers: this.headers(businessFunction),
      schema: referralSchema,
      context,
    });
    if (response.kind === "operation-outcome" && (response.status === 404 || response.status === 422))
      return { kind: "not-found", requestId: response.requestId, code: response.outcome.code ?? null };
    if (response.kind === "operation-outcome" && response.status === 403)
      return { kind: "refused", requestId: response.requestId, code: response.outcome.code ?? null };
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    return { kind: "found", referral: toReferral(response.body), requestId: response.requestId, retrievedAt: response.receivedAt };
  }

  /**
   * A042: e-RS answers 307 to a short-lived pre-signed URL in its object store. The server follows it
   * (never the browser), only to a trusted origin, and without the NHS headers.
   */
  async attachment(attachmentId: string, businessFunction: BusinessFunction, context: NhsCallContext, requestId: string): Promise<AttachmentOutcome> {
    const authorisation = this.authoriser ? await this.authoriser.authorise("ers", context.sessionId) : { kind: "ok" as const, headers: {} };
    if (authorisation.kind === "failed")
      return { kind: "failed", problem: `the API platform would not authorise the download: ${authorisation.failure.description}` };
    // one deadline for the redirect and the download together
    return outsideRequest(() =>
      withDeadline(this.attachments.timeoutMs, (signal) => this.download(attachmentId, businessFunction, context, requestId, authorisation.headers, signal)),
    );
  }

  private async download(
    attachmentId: string,
    businessFunction: BusinessFunction,
    context: NhsCallContext,
    requestId: string,
    authorisationHeaders: Record<string, string>,
    signal: AbortSignal,
  ): Promise<AttachmentOutcome> {
    let first: Response;
    try {
      first = await this.fetchImpl(`${this.baseUrl}/R4/Binary/${encodeURIComponent(attachmentId)}`, {
        headers: {
          "x-request-id": requestId,
          "x-correlation-id": context.correlationId,
          ...(context.sessionUrid ? { "nhsd-session-urid": context.sessionUrid } : {}),
          ...(context.endUserOrganisationOds ? { "nhsd-end-user-organisation-ods": context.endUserOrganisationOds } : {}),
          ...this.headers(businessFunction),
          ...authorisationHeaders,
        },
        redirect: "manual",
        cache: "no-store",
        signal,
      });
    } catch (error) {
      return { kind: "failed", problem: error instanceof Error ? error.message : "unknown" };
    }
    if (first.status === 404)
      return {
        kind: "unavailable",
        reason: await first
          .text()
          .then((text) => /\(([A-Z_]+)\)/.exec(text)?.[1] ?? "NOT_FOUND")
          .catch(() => "NOT_FOUND"),
      };
    const location = first.headers.get("location");
    if (first.status !== 307 || !location) return { kind: "failed", problem: `HTTP ${first.status}` };
    let target: URL;
    try {
      target = new URL(location, this.baseUrl);
    } catch {
      return { kind: "failed", problem: "the redirect is not a URL" };
    }
    if (!this.attachments.origins.includes(target.origin)) return { kind: "failed", problem: `redirected to an untrusted origin ${target.origin}` };
    try {
      const file = await this.fetchImpl(target, { redirect: "error", cache: "no-store", signal });
      if (!file.ok) return { kind: "failed", problem: `object store answered HTTP ${file.status}` };
      const body = await readBounded(file, this.attachments.maxBytes);
      if (body.kind === "too-large") return body;
      const declared = (file.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      // only types a browser shows as documents pass through; anything else (HTML, script, SVG) is a plain download
      return { kind: "found", contentType: ATTACHMENT_TYPES.has(declared) ? declared : "application/octet-stream", body: body.bytes };
    } catch (error) {
      return { kind: "failed", problem: error instanceof Error ? error.message : "unknown" };
    }
  }
}

export const PROVIDER_WORKLISTS = ["REFERRALS_FOR_REVIEW", "APPOINTMENT_SLOT_ISSUES", "AWAITING_BOOKING"] as const;
export const REFERRER_WORKLISTS = ["REJECTED_TRIAGE_RESPONSE", "ASSESSMENT_RETURNED_CANCELLED_DNA", "LETTERS_OUTSTANDING"] as const;
export type WorklistType = (typeof PROVIDER_WORKLISTS)[number] | (typeof REFERRER_WORKLISTS)[number];

export interface WorklistItem {
  ubrn: string;
  priority: string | null;
  specialty: { code: string; display: string } | null;
  service: { id: string; name: string } | null;
  patientNhsNumber: string | null;
  /** The clinician the referral is allocated to, by SDS user ID: e-RS gives no name. */
  clinician: { id: string } | null;
  /** When the pathway started; the referrers' lists give when the referral was made instead. */
  pathwayStart: string | null;
  referredOn: string | null;
  reviewStatus: string | null;
  state: string | null;
}

export interface WorklistFilter {
  specialty?: string;
  service?: string;
  clinician?: string;
}

export type WorklistOutcome =
  | { kind: "found"; items: WorklistItem[]; requestId: string; retrievedAt: Date }
  | { kind: "refused"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

const worklistSchema = z.object({
  resourceType: z.literal("List"),
  contained: z
    .array(
      z.object({
        resourceType: z.string(),
        id: z.string(),
        identifier: z.array(z.object({ value: z.string() })).optional(),
      }),
    )
    .optional(),
  entry: z.array(z.object({ extension: z.array(extension).optional(), item: z.object({ reference: z.string() }) })).optional(),
});

export function toWorklistItems(list: z.infer<typeof worklistSchema>): WorklistItem[] {
  const contained = new Map((list.contained ?? []).map((entry) => [`#${entry.id}`, entry]));
  return (list.entry ?? []).map((entry) => {
    const parts = entry.extension?.[0]?.extension ?? [];
    const part = (name: string) => parts.find((candidate) => candidate.url === name);
    const specialty = part("specialty")?.valueCodeableConcept?.coding?.[0];
    const service = part("service")?.valueReference as { identifier?: { value?: string }; display?: string } | undefined;
    // the reviewing clinicians' list refers to contained patients and clinicians; the others name the patient by NHS number
    const patientReference = part("patient")?.valueReference;
    const patientNhsNumber = contained.get(patientReference?.reference ?? "")?.identifier?.[0]?.value ?? patientReference?.identifier?.value ?? null;
    const clinicianId = contained.get(part("allocatedClinician")?.valueReference?.reference ?? "")?.identifier?.[0]?.value;
    return {
      ubrn: entry.item.reference.split("/").pop() ?? "",
      priority: part("priority")?.valueCodeableConcept?.coding?.[0]?.code ?? null,
      specialty: specialty?.code ? { code: specialty.code, display: specialty.display ?? specialty.code } : null,
      service: service?.identifier?.value ? { id: service.identifier.value, name: service.display ?? service.identifier.value } : null,
      patientNhsNumber,
      clinician: clinicianId ? { id: clinicianId } : null,
      pathwayStart: part("eReferralPathwayStart")?.valueDateTime ?? null,
      referredOn: part("referralCreated")?.valueDateTime ?? null,
      reviewStatus: part("requestContextStatus")?.valueCodeableConcept?.coding?.[0]?.code ?? null,
      state: part("status")?.valueCodeableConcept?.coding?.[0]?.code ?? null,
    };
  });
}

export async function fetchWorklist(
  client: NhsApiClient,
  baseUrl: string,
  listType: WorklistType,
  filter: WorklistFilter,
  businessFunction: BusinessFunction,
  context: NhsCallContext,
): Promise<WorklistOutcome> {
  const parameter: Array<Record<string, unknown>> = [
    { name: "listType", valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1", code: listType }] } },
  ];
  // e-RS filters by a specialty or clinician only with its "assigned" indicator alongside
  const assigned = (name: string) => ({
    name,
    valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-AssignedIndicator-1", code: "ASSIGNED" }] },
  });
  if (filter.specialty)
    parameter.push(assigned("specialtyAssignedIndicator"), {
      name: "specialty",
      valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/SPECIALTY", code: filter.specialty }] },
    });
  if (filter.service) parameter.push({ name: "service", valueIdentifier: { system: "http://fhir.nhs.net/Id/ers-service", value: filter.service } });
  if (filter.clinician)
    parameter.push(assigned("clinicianAssignedIndicator"), {
      name: "clinician",
      valueIdentifier: { system: "http://fhir.nhs.net/Id/sds-user-id", value: filter.clinician },
    });
  const response = await client.call({
    api: "ers",
    baseUrl,
    // a read: e-RS uses POST for it because the filter is a Parameters resource
    method: "POST",
    readOnly: true,
    path: "/STU3/ReferralRequest/$ers.fetchworklist",
    headers: { "nhsd-ers-business-function": businessFunction, "content-type": "application/fhir+json" },
    body: JSON.stringify({
      resourceType: "Parameters",
      meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1"] },
      parameter,
    }),
    schema: worklistSchema,
    context,
  });
  if (response.kind === "operation-outcome" && response.status === 403) return { kind: "refused", requestId: response.requestId };
  if (response.kind !== "ok") return { kind: "failed", failure: response };
  return { kind: "found", items: toWorklistItems(response.body), requestId: response.requestId, retrievedAt: response.receivedAt };
}
