import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";

const DOS_SYSTEM = "https://fhir.nhs.uk/Id/dos-service-id";
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

export interface BarsTarget {
  system: string;
  value: string;
}

export const dosTarget = (serviceId: string): BarsTarget => ({ system: DOS_SYSTEM, value: serviceId });

export interface BarsSender {
  odsCode: string;
  organisationName: string;
  practitionerName: string;
  sdsRoleProfileId: string;
}

export interface BarsReferral {
  /** One per user action: a repeat of the same action reuses it, so the receiver sees one message. */
  bundleId: string;
  /** Likewise reused on a repeat. */
  requestId: string;
  serviceRequestId: string;
  /** Who receives it, as NHSD-Target-Identifier: normally a DoS service id (see dosTarget). */
  target: BarsTarget;
  patient: { nhsNumber: string; family: string | null; given: string | null; birthDate: string | null };
  reason: string;
  sender: BarsSender;
  sentAt: string;
}

export type BarsSendOutcome =
  | { kind: "sent"; serviceRequestId: string; receiverName: string | null; requestId: string }
  /** 409: the receiver already holds this very message, from an earlier attempt of the same action. */
  | { kind: "already-received"; serviceRequestId: string; requestId: string; failure: NhsFailure }
  | { kind: "rejected"; failure: NhsFailure }
  /** No answer that says whether it arrived: the user checks status; nothing is resent blindly. */
  | { kind: "unknown"; failure: NhsFailure };

const responseSchema = z.object({
  resourceType: z.literal("Bundle"),
  entry: z.array(z.object({ resource: z.object({ resourceType: z.string() }).loose() })).min(1),
});
const codingSchema = z.object({ coding: z.array(z.object({ display: z.string().optional() }).loose()).optional() }).loose();
const serviceRequestSchema = z
  .object({
    resourceType: z.literal("ServiceRequest"),
    id: z.string(),
    status: z.string(),
    authoredOn: z.string().optional(),
    reasonCode: z.array(z.object({ text: z.string().optional() }).loose()).optional(),
    code: codingSchema.optional(),
    category: z.array(codingSchema).optional(),
  })
  .loose();
const appointmentSchema = z
  .object({
    resourceType: z.literal("Appointment"),
    id: z.string(),
    status: z.string(),
    start: z.string().optional(),
    end: z.string().optional(),
    description: z.string().optional(),
    basedOn: z.array(z.object({ reference: z.string().optional() }).loose()).optional(),
  })
  .loose();
const appointmentBundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  entry: z.array(z.object({ resource: z.union([appointmentSchema, z.object({ resourceType: z.string() }).loose()]) })).optional(),
});

export interface ReceivedServiceRequest {
  id: string;
  status: string;
  authoredOn: string | null;
  reason: string | null;
  description: string | null;
}

export interface BookedAppointment {
  id: string;
  status: string;
  start: string | null;
  end: string | null;
  description: string | null;
  /** The ServiceRequest ids the appointment was booked for. */
  basedOn: string[];
}

export type ServiceRequestLookup =
  | { kind: "found"; serviceRequest: ReceivedServiceRequest; requestId: string; retrievedAt: Date }
  | { kind: "not-found"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

export type AppointmentsLookup =
  | { kind: "found"; appointments: BookedAppointment[]; requestId: string; retrievedAt: Date }
  | { kind: "failed"; failure: NhsFailure };

/** Statuses after which the message may or may not have been received (a receiver's 500 may come after it stored it). */
const UNKNOWN_STATUSES = new Set([408, 500, 502, 503, 504]);

export function buildReferralMessage(referral: BarsReferral) {
  const patientId = crypto.randomUUID();
  const organisationId = crypto.randomUUID();
  const headerId = crypto.randomUUID();
  return {
    resourceType: "Bundle",
    id: referral.bundleId,
    meta: { lastUpdated: referral.sentAt },
    type: "message",
    timestamp: referral.sentAt,
    entry: [
      {
        fullUrl: `urn:uuid:${headerId}`,
        resource: {
          resourceType: "MessageHeader",
          id: headerId,
          eventCoding: { system: "https://fhir.nhs.uk/CodeSystem/message-events-bars", code: "servicerequest-request" },
          destination: [{ endpoint: `${referral.target.system}|${referral.target.value}`, receiver: { identifier: referral.target } }],
          sender: { reference: `urn:uuid:${organisationId}` },
          source: { endpoint: "care-record-viewer" },
          reason: { coding: [{ system: "https://fhir.nhs.uk/CodeSystem/message-reason-bars", code: "new" }] },
          focus: [{ reference: `urn:uuid:${referral.serviceRequestId}` }],
        },
      },
      {
        fullUrl: `urn:uuid:${referral.serviceRequestId}`,
        resource: {
          resourceType: "ServiceRequest",
          id: referral.serviceRequestId,
          status: "active",
          intent: "plan",
          category: [{ coding: [{ system: "http://snomed.info/sct", code: "3457005", display: "Patient referral" }] }],
          subject: { reference: `urn:uuid:${patientId}` },
          authoredOn: referral.sentAt,
          requester: { reference: `urn:uuid:${organisationId}` },
          reasonCode: [{ text: referral.reason }],
        },
      },
      {
        fullUrl: `urn:uuid:${patientId}`,
        resource: {
          resourceType: "Patient",
          id: patientId,
          identifier: [{ system: NHS_NUMBER_SYSTEM, value: referral.patient.nhsNumber }],
          ...(referral.patient.family
            ? { name: [{ family: referral.patient.family, ...(referral.patient.given ? { given: [referral.patient.given] } : {}) }] }
            : {}),
          ...(referral.patient.birthDate ? { birthDate: referral.patient.birthDate } : {}),
        },
      },
      {
        fullUrl: `urn:uuid:${organisationId}`,
        resource: {
          resourceType: "Organization",
          id: organisationId,
          identifier: [{ system: ODS_SYSTEM, value: referral.sender.odsCode }],
          name: referral.sender.organisationName,
        },
      },
    ],
  };
}

/**
 * Required on a message by the BaRS spec (use-context), for the proxy's usage statistics: who is sending,
 * why, the message's event and that it is new, shaped like the spec's example.
 */
const USE_CONTEXT = "care-record-viewer|referral|servicerequest-request|new";

export class BarsClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  private headers(target: BarsTarget, sender: BarsSender) {
    return {
      "nhsd-target-identifier": encode(target),
      "nhsd-requesting-software": encode({
        resourceType: "Device",
        deviceName: [{ name: "Care Record Viewer", type: "manufacturer-name" }],
        version: [{ value: "0.1.0" }],
      }),
      "nhsd-end-user-organisation": encode({
        resourceType: "Organization",
        identifier: [{ system: ODS_SYSTEM, value: sender.odsCode }],
        name: sender.organisationName,
      }),
      "nhsd-requesting-practitioner": encode({
        resourceType: "PractitionerRole",
        identifier: [{ system: "https://fhir.nhs.uk/Id/sds-role-profile-id", value: sender.sdsRoleProfileId }],
        practitioner: { display: sender.practitionerName },
      }),
      accept: "application/fhir+json; version=1.0.0",
      "content-type": "application/fhir+json",
    };
  }

  /** Sent exactly once per call; the caller decides, with the person, whether to try the same action again. */
  async sendReferral(referral: BarsReferral, context: NhsCallContext): Promise<BarsSendOutcome> {
    const response = await this.client.call({
      api: "bars",
      baseUrl: this.baseUrl,
      method: "POST",
      path: "/$process-message",
      requestId: referral.requestId,
      headers: { ...this.headers(referral.target, referral.sender), "use-context": USE_CONTEXT },
      body: JSON.stringify(buildReferralMessage(referral)),
      schema: responseSchema,
      context,
    });
    switch (response.kind) {
      case "ok": {
        const header = response.body.entry[0]!.resource as { source?: { name?: string } };
        return { kind: "sent", serviceRequestId: referral.serviceRequestId, receiverName: header.source?.name ?? null, requestId: response.requestId };
      }
      case "operation-outcome":
        if (response.status === 409)
          return { kind: "already-received", serviceRequestId: referral.serviceRequestId, requestId: response.requestId, failure: response };
        return UNKNOWN_STATUSES.has(response.status) ? { kind: "unknown", failure: response } : { kind: "rejected", failure: response };
      case "http-error":
        return UNKNOWN_STATUSES.has(response.status) ? { kind: "unknown", failure: response } : { kind: "rejected", failure: response };
      case "timeout":
      case "network-error":
      case "invalid-response":
        return { kind: "unknown", failure: response };
      case "auth-failed":
      case "circuit-open":
        // refused before anything was sent
        return { kind: "rejected", failure: response };
      default: {
        const unhandled: never = response;
        return unhandled;
      }
    }
  }

  /** The status check after an unknown outcome, and the sent page: what the receiver holds for this ServiceRequest. */
  async serviceRequest(id: string, target: BarsTarget, sender: BarsSender, context: NhsCallContext): Promise<ServiceRequestLookup> {
    const response = await this.client.call({
      api: "bars",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/ServiceRequest/${encodeURIComponent(id)}`,
      headers: this.readHeaders(target, sender),
      schema: serviceRequestSchema,
      context,
    });
    if (response.kind === "ok") {
      const body = response.body;
      return {
        kind: "found",
        requestId: response.requestId,
        retrievedAt: response.receivedAt,
        serviceRequest: {
          id: body.id,
          status: body.status,
          authoredOn: body.authoredOn ?? null,
          reason:
            body.reasonCode
              ?.map((reason) => reason.text)
              .filter(Boolean)
              .join("; ") || null,
          description: body.code?.coding?.[0]?.display ?? body.category?.[0]?.coding?.[0]?.display ?? null,
        },
      };
    }
    if (response.kind === "operation-outcome" && response.status === 404) return { kind: "not-found", requestId: response.requestId };
    return { kind: "failed", failure: response };
  }

  /** Appointments the receiver has booked for the patient; the caller picks those based on its referral. */
  async appointments(nhsNumber: string, target: BarsTarget, sender: BarsSender, context: NhsCallContext): Promise<AppointmentsLookup> {
    const response = await this.client.call({
      api: "bars",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/Appointment",
      query: new URLSearchParams({ "patient:identifier": `${NHS_NUMBER_SYSTEM}|${nhsNumber}` }),
      headers: this.readHeaders(target, sender),
      schema: appointmentBundleSchema,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    return {
      kind: "found",
      requestId: response.requestId,
      retrievedAt: response.receivedAt,
      appointments: (response.body.entry ?? [])
        .map((entry) => entry.resource)
        .filter((resource): resource is z.infer<typeof appointmentSchema> => resource.resourceType === "Appointment")
        .map((appointment) => ({
          id: appointment.id,
          status: appointment.status,
          start: appointment.start ?? null,
          end: appointment.end ?? null,
          description: appointment.description ?? null,
          basedOn: (appointment.basedOn ?? []).map((reference) => reference.reference?.replace(/^ServiceRequest\//, "") ?? "").filter(Boolean),
        })),
    };
  }

  private readHeaders(target: BarsTarget, sender: BarsSender) {
    const { "content-type": _contentType, ...headers } = this.headers(target, sender);
    return headers;
  }
}
