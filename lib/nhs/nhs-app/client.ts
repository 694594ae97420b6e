import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";

export const REQUEST_ID_SYSTEM = "https://fhir.nhs.uk/NHSApp/request-id";
export const CAMPAIGN_ID_SYSTEM = "https://fhir.nhs.uk/NHSApp/campaign-id";
export const COMMUNICATION_ID_SYSTEM = "https://fhir.nhs.uk/Id/nhs-app-communication-id";
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const STATUS_SYSTEM = "https://fhir.nhs.uk/CodeSystem/NHSApp-Communication-Status";

/** The API's limit on an in-app message, Markdown and links included. */
export const MAX_MESSAGE_LENGTH = 5000;

/** in-app: a message in the patient's NHS App inbox, with a push notification; notification: the push alone. */
export type Channel = "in-app" | "notification";

export interface MessageToSend {
  nhsNumber: string;
  /** The sending organisation's ODS code (CommunicationRequest.requester). */
  odsCode: string;
  /** This service's reference for the message, fixed when the clinician starts: the request-id identifier. */
  requestReference: string;
  /** For the in-app channel: the Markdown the patient reads. */
  markdown: string;
  /** Groups messages of one kind (a template) for the NHS App team's reports. */
  campaign: string;
}

const identifierList = z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).default([]);
const createdSchema = z.object({ resourceType: z.literal("CommunicationRequest"), identifier: identifierList });

/** The receipt events the daily report carries (NotificationAttempted is documented but not in the schema's enum). */
export const RECEIPT_CODES = ["Delivered", "Rejected", "NotificationAttempted", "Notified", "Unnotified", "Read"] as const;
export type ReceiptCode = (typeof RECEIPT_CODES)[number];

const receiptsSchema = z.object({
  resourceType: z.literal("Bundle"),
  link: z.array(z.object({ relation: z.string(), url: z.string() })).default([]),
  entry: z
    .array(
      z.object({
        resource: z.object({
          resourceType: z.literal("Task"),
          identifier: identifierList,
          status: z.string(),
          statusReason: z.string().optional(),
          code: z.object({ coding: z.array(z.object({ system: z.string().optional(), code: z.string() })) }),
          lastModified: z.string(),
        }),
      }),
    )
    .default([]),
});

export interface Receipt {
  requestReference: string | null;
  communicationId: string | null;
  code: ReceiptCode;
  reason: string | null;
  at: string;
}

export type SendOutcome =
  | { kind: "accepted"; communicationId: string | null; requestId: string }
  /** 400: the API named what was wrong; nothing was sent. */
  | { kind: "invalid"; diagnostics: string | null; failure: NhsFailure }
  /** 403: this application may not send on this channel (not an NHS App partner for it); nothing was sent. */
  | { kind: "forbidden"; failure: NhsFailure }
  /** No answer, or a 408/5xx: the message may or may not have been accepted. Settled only from the receipts report. */
  | { kind: "unknown"; failure: NhsFailure }
  /** Refused before anything was accepted (401, 429, calls paused, no token): it may be sent again, as the same message. */
  | { kind: "failed"; failure: NhsFailure };

export type ReceiptsOutcome = { kind: "found"; receipts: Receipt[]; requestIds: string[] } | { kind: "failed"; failure: NhsFailure };

const UNKNOWN_STATUSES = new Set([408, 500, 502, 503, 504]);
const MAX_REPORT_PAGES = 20;

function communicationRequest(channel: Channel, message: MessageToSend) {
  return {
    resourceType: "CommunicationRequest",
    identifier: [
      { system: CAMPAIGN_ID_SYSTEM, value: message.campaign },
      { system: REQUEST_ID_SYSTEM, value: message.requestReference },
    ],
    status: "active",
    payload:
      channel === "in-app"
        ? [{ contentString: message.markdown }]
        : [{ contentReference: { reference: "https://www.nhsapp.service.nhs.uk/patient/messages/app-messaging", display: message.markdown } }],
    recipient: [{ type: "Patient", identifier: { system: NHS_NUMBER_SYSTEM, value: message.nhsNumber } }],
    requester: { type: "Organization", identifier: { system: ODS_SYSTEM, value: message.odsCode } },
  };
}

const valueOf = (identifiers: Array<{ system?: string; value?: string }>, system: string) =>
  identifiers.find((entry) => entry.system === system)?.value ?? null;

/** The NHS App API: messages to a patient's NHS App, and the daily receipts report that says what became of them. */
export class NhsAppClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  /** Sends once (never retried by the transport): the X-Request-ID and request reference are the caller's, fixed per message. */
  async send(channel: Channel, message: MessageToSend, requestId: string, context: NhsCallContext): Promise<SendOutcome> {
    const response = await this.client.call({
      api: "nhs-app",
      baseUrl: this.baseUrl,
      method: "POST",
      path: `/communication/${channel}/FHIR/R4/CommunicationRequest`,
      // the spec gives each endpoint its own media type
      headers: { "content-type": channel === "in-app" ? "application/json" : "application/fhir+json" },
      body: JSON.stringify(communicationRequest(channel, message)),
      requestId,
      schema: createdSchema,
      context,
    });
    if (response.kind === "ok")
      return { kind: "accepted", communicationId: valueOf(response.body.identifier, COMMUNICATION_ID_SYSTEM), requestId: response.requestId };
    if (response.kind === "timeout" || response.kind === "network-error") return { kind: "unknown", failure: response };
    if ("status" in response && UNKNOWN_STATUSES.has(response.status)) return { kind: "unknown", failure: response };
    // a 2xx whose body could not be read: it was accepted, but with no id to show
    if (response.kind === "invalid-response" && response.status >= 200 && response.status < 300) return { kind: "unknown", failure: response };
    if ("status" in response && response.status === 400)
      return { kind: "invalid", diagnostics: response.kind === "operation-outcome" ? (response.outcome.diagnostics ?? null) : null, failure: response };
    if ("status" in response && response.status === 403) return { kind: "forbidden", failure: response };
    return { kind: "failed", failure: response };
  }

  /** Every receipt in the daily report for a day (YYYY-MM-DD), all pages. */
  async receipts(day: string, context: NhsCallContext): Promise<ReceiptsOutcome> {
    const receipts: Receipt[] = [];
    const requestIds: string[] = [];
    for (let page = 1; page <= MAX_REPORT_PAGES; page++) {
      const response = await this.client.call({
        api: "nhs-app",
        baseUrl: this.baseUrl,
        method: "GET",
        path: "/communication/report/receipts/FHIR/R4/Task",
        query: new URLSearchParams({ day, page: String(page) }),
        schema: receiptsSchema,
        context,
      });
      if (response.kind !== "ok") return { kind: "failed", failure: response };
      requestIds.push(response.requestId);
      for (const { resource } of response.body.entry) {
        const code = resource.code.coding.find((coding) => !coding.system || coding.system === STATUS_SYSTEM)?.code;
        if (!code || !(RECEIPT_CODES as readonly string[]).includes(code)) continue;
        receipts.push({
          requestReference: valueOf(resource.identifier, REQUEST_ID_SYSTEM),
          communicationId: valueOf(resource.identifier, COMMUNICATION_ID_SYSTEM),
          code: code as ReceiptCode,
          reason: resource.statusReason ?? null,
          at: resource.lastModified,
        });
      }
      if (!response.body.link.some((link) => link.relation === "next")) break;
    }
    return { kind: "found", receipts, requestIds };
  }
}
