import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { TemplateValues } from "./templates";

/**
 * draft: started, not sent; sending: claimed by one request, whose outcome the others wait for; sent: the NHS App
 * accepted it (or its receipts show it); unknown: no answer said whether it was accepted; not-sent: the receipts
 * report does not have it after a day's wait, or nothing went out, so it may be sent again as the same message;
 * refused: the API said no (400, 403).
 */
export type PatientMessageState = "draft" | "sending" | "sent" | "unknown" | "not-sent" | "refused";

/**
 * One "send a message to the patient's NHS App" by the person. Its request reference (the CommunicationRequest's
 * request-id identifier) and X-Request-ID are fixed when it starts, so a double click, a second tab or a second
 * instance finds the one claim, and an unknown outcome can be looked for in the receipts report by reference.
 */
export interface PatientMessageAction {
  patientRef: string;
  requestReference: string;
  requestId: string;
  /** The checked template and fields, and exactly the Markdown the patient reads, fixed when previewed. */
  values: TemplateValues | null;
  markdown: string | null;
  state: PatientMessageState;
  attempts: number;
  createdAt: number;
  sendingSince: number | null;
  /** The day (UTC) of the first send: the receipts report is by day. */
  sentOn: string | null;
  settledAt: number | null;
  communicationId: string | null;
  /** When the receipts report was last read for it, after an unknown outcome. */
  checkedAt?: number | null;
  refusal: { kind: "invalid" | "forbidden" | "failed"; diagnostics: string | null } | null;
  failure: NhsFailure | null;
}

/** What the patient-messages feature keeps in the server session. */
export interface PatientMessagesSessionSlice {
  /** Messages started or sent in this session, by opaque reference. */
  patientMessages?: Record<string, PatientMessageAction>;
}
