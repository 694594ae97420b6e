import "server-only";
import { randomUUID } from "node:crypto";
import { canUse } from "@/lib/access/policy";
import { auditedRead } from "@/lib/audit/audited-read";
import type { AuditOutcome, StoredAuditEntry } from "@/lib/audit/audit-trail";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { getConfig } from "@/lib/config";
import * as content from "@/lib/content";
import { VACCINE_TYPES } from "@/lib/nhs/immunisation/vaccine-types";
import { MEDICINE_PAGES, VACCINATION_PAGES } from "@/lib/nhs/website-content/medicine-pages";
import type { Receipt, ReceiptCode, SendOutcome } from "@/lib/nhs/nhs-app/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { type ClaimedSendResult, heldSends, sendClaimed } from "../claimed-send";
import type { PatientMessageAction } from "./session-slice";
import { campaignOf, messageBlocks, toMarkdown, type MessageChoices, type TemplateValues } from "./templates";

/** States from which the person may send: the same message, with the same reference and X-Request-ID, each time. */
const SENDABLE = new Set<PatientMessageAction["state"]>(["draft", "not-sent"]);
const MESSAGES = heldSends("patientMessages");
/** The receipts report is read for this many days back for the record's list of messages. */
const LIST_DAYS = 14;

/** Whether the organisation is an NHS App partner (NHS_APP_MESSAGING), and this role may send. */
export function canMessagePatients(session: ServerSession, role: Cis2Role | null): boolean {
  return getConfig().NHS_APP_MESSAGING === "on" && canUse("message-patients", role, session.assurance.authenticationLevel);
}

const titleOf = (slug: string) => {
  const words = slug.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What the templates offer: the vaccine types by name, and the NHS.UK pages this service maps medicines and vaccines to. */
export function messageChoices(today = new Date()): MessageChoices {
  const pages: Record<string, { title: string; url: string }> = {};
  for (const slug of new Set(Object.values(MEDICINE_PAGES)).values())
    pages[`medicines/${slug}`] = { title: titleOf(slug), url: `https://www.nhs.uk/medicines/${slug}/` };
  for (const slug of Object.values(VACCINATION_PAGES))
    pages[`vaccinations/${slug}`] = { title: titleOf(slug), url: `https://www.nhs.uk/vaccinations/${slug}/` };
  const vaccines = Object.fromEntries(VACCINE_TYPES.map((type) => [type, content.immunisations.typeNames[type]]));
  return { vaccines, pages, today };
}

/** A new message, not yet sent: its request reference and X-Request-ID fixed here, once. */
export function draftMessage(patientRef: string): PatientMessageAction {
  return {
    patientRef,
    requestReference: randomUUID(),
    requestId: randomUUID(),
    values: null,
    markdown: null,
    state: "draft",
    attempts: 0,
    createdAt: Date.now(),
    sendingSince: null,
    sentOn: null,
    settledAt: null,
    communicationId: null,
    refusal: null,
    failure: null,
  };
}

/** Starts a message to a patient opened in this session; null when the reference is not one, or the role may not. */
export async function startMessage(session: ServerSession, role: Cis2Role, patientRef: string): Promise<string | null> {
  if (!session.patientRefs[patientRef] || !canMessagePatients(session, role)) return null;
  const actionRef = randomUUID();
  await services().sessions.update(session.id, (current) => ({
    ...current,
    patientMessages: { ...(current.patientMessages ?? {}), [actionRef]: draftMessage(patientRef) },
  }));
  return actionRef;
}

export function messageAction(session: ServerSession, patientRef: string, actionRef: string): PatientMessageAction | null {
  return MESSAGES.find(session, patientRef, actionRef);
}

/** The sender's name as the patient reads it: the role's organisation. */
function senderOf(role: Cis2Role) {
  return { organisation: role.orgName ?? role.orgCode };
}

/** Keeps the checked template and exactly the Markdown the preview shows; only before the first send, so what is sent stays what was previewed. */
export async function previewMessage(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string, values: TemplateValues) {
  if (!messageAction(session, patientRef, actionRef)) return null;
  const markdown = toMarkdown(messageBlocks(values, senderOf(role)));
  return MESSAGES.change(session.id, actionRef, (action) => (action.state === "draft" && action.attempts === 0 ? { ...action, values, markdown } : action));
}

/** Back to the template form, before anything was sent. */
export async function reviseMessage(session: ServerSession, patientRef: string, actionRef: string) {
  if (!messageAction(session, patientRef, actionRef)) return null;
  return MESSAGES.change(session.id, actionRef, (action) => (action.state === "draft" && action.attempts === 0 ? { ...action, markdown: null } : action));
}

const WRITE_AUDIT: Record<SendOutcome["kind"], AuditOutcome> = {
  accepted: "sent",
  invalid: "refused",
  forbidden: "refused",
  unknown: "outcome-unknown",
  failed: "upstream-failure",
};

/** What the send's audit rows say, so the record's list of messages can be read back from the trail. */
const auditReason = (action: PatientMessageAction) => `template ${action.values?.template}; reference ${action.requestReference}; attempt ${action.attempts}`;
const REASON = /^template ([a-z-]+); reference ([0-9a-f-]{36}); attempt \d+$/;

export type SendResult = ClaimedSendResult<PatientMessageAction>;

/**
 * Sends the message once. The session records "sending" before anything goes out, in one transaction, so a second
 * click, a second tab or a second instance waits for this send's outcome instead of sending again. No answer (a
 * timeout, 408, 5xx) is "not known yet", settled only from the receipts report by the message's reference, never by
 * sending again. The attempt is audited before it goes, and its outcome after.
 */
export async function sendMessage(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string): Promise<SendResult> {
  if (!canMessagePatients(session, role)) return { kind: "unknown-action" };
  const sent = await sendClaimed<PatientMessageAction, SendOutcome>(MESSAGES, { session, role }, patientRef, actionRef, {
    claim: (action) =>
      SENDABLE.has(action.state) && action.values && action.markdown
        ? {
            ...action,
            state: "sending",
            sendingSince: Date.now(),
            attempts: action.attempts + 1,
            sentOn: action.sentOn ?? new Date().toISOString().slice(0, 10),
          }
        : null,
    release: (action, beforeClaim) => ({ ...action, state: beforeClaim.state, attempts: action.attempts - 1, sendingSince: null }),
    write: (claimed, patient) => {
      const message = {
        nhsNumber: patient.nhsNumber,
        odsCode: role.orgCode,
        requestReference: claimed.requestReference,
        markdown: claimed.markdown!,
        campaign: campaignOf(claimed.values!.template),
      };
      return {
        access: { action: "nhs-app-message-send", patientNhsNumber: message.nhsNumber, upstreamRequestId: claimed.requestId, reason: auditReason(claimed) },
        send: () => services().nhsApp.send("in-app", message, claimed.requestId, callContextFor(role, session)),
        factsOf: (answer) => ({ upstreamRequestId: claimed.requestId, outcome: WRITE_AUDIT[answer.kind] }),
        threw: { event: "nhs-app-send-threw", message: "an NHS App send threw", ids: { requestId: claimed.requestId } },
      };
    },
    unknown: (action) => ({ ...action, state: "unknown", settledAt: Date.now(), failure: null }),
  });
  if (sent.kind !== "answered") return sent;
  const outcome = sent.answer;
  return MESSAGES.settle(session.id, actionRef, (action) => {
    const settledAt = Date.now();
    switch (outcome.kind) {
      case "accepted":
        return { ...action, state: "sent", settledAt, communicationId: outcome.communicationId, failure: null, refusal: null };
      case "unknown":
        return { ...action, state: "unknown", settledAt, failure: outcome.failure };
      case "invalid":
        return { ...action, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "invalid", diagnostics: outcome.diagnostics } };
      case "forbidden":
        return { ...action, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "forbidden", diagnostics: null } };
      case "failed":
        // refused before anything was accepted (no token, 401, 429, calls paused): it may be sent again, as the same message
        return { ...action, state: "not-sent", settledAt, failure: outcome.failure, refusal: { kind: "failed", diagnostics: null } };
      default: {
        const unhandled: never = outcome;
        return unhandled;
      }
    }
  });
}

/**
 * After an unknown outcome: looks for the message's reference in the NHS App's receipts report for the day it was
 * sent. Found, it was sent. Not found, it stays unknown until that day's report is complete (the day after), and
 * only then may it be sent again, as the same message. Never resends.
 */
export async function checkMessageStatus(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string): Promise<PatientMessageAction | null> {
  const action = messageAction(session, patientRef, actionRef);
  const nhsNumber = session.patientRefs[patientRef]?.nhsNumber;
  if (!action || action.state !== "unknown" || !nhsNumber || !action.sentOn) return action;
  const day = action.sentOn;
  const report = await auditedRead(
    { session, role },
    { action: "nhs-app-message-status", patientNhsNumber: nhsNumber, reason: `reference ${action.requestReference}; receipts for ${day}` },
    () => services().nhsApp.receipts(day, callContextFor(role, session)),
    (answer) => ({
      upstreamRequestId: answer.kind === "found" ? (answer.requestIds[0] ?? null) : answer.failure.requestId,
      outcome:
        answer.kind === "failed"
          ? "upstream-failure"
          : answer.receipts.some((receipt) => receipt.requestReference === action.requestReference)
            ? "data-returned"
            : "not-found",
    }),
  );
  return MESSAGES.change(session.id, actionRef, (current) => {
    if (current.state !== "unknown") return current;
    if (report.kind === "failed") return { ...current, failure: report.failure, checkedAt: Date.now() };
    const mine = report.receipts.find((receipt) => receipt.requestReference === current.requestReference);
    if (mine) return { ...current, state: "sent", communicationId: mine.communicationId, failure: null, settledAt: Date.now() };
    const dayComplete = new Date().toISOString().slice(0, 10) > day;
    return dayComplete
      ? { ...current, state: "not-sent", failure: null, settledAt: Date.now(), checkedAt: Date.now() }
      : { ...current, failure: null, checkedAt: Date.now() };
  });
}

export interface SentMessageRow {
  reference: string;
  sentAt: string;
  by: string;
  template: string;
  /** The send's audited outcome: sent, or not known. */
  sendOutcome: "sent" | "outcome-unknown";
  /** The latest receipt, and whether the NHS App rejected it or could not notify. */
  delivery: ReceiptCode | null;
  receipts: ReceiptCode[];
}

export type SentMessages = { kind: "listed"; rows: SentMessageRow[]; receipts: "found" | "failed"; failure: NhsFailure | null; checkedAt: Date };

const DELIVERY_ORDER: ReceiptCode[] = ["Rejected", "Delivered", "NotificationAttempted", "Unnotified", "Notified", "Read"];

function rowsFrom(entries: StoredAuditEntry[]): Array<Omit<SentMessageRow, "delivery" | "receipts">> {
  const byReference = new Map<string, Omit<SentMessageRow, "delivery" | "receipts">>();
  // oldest first, so the last outcome of each message wins
  for (const entry of [...entries].sort((a, b) => a.id - b.id)) {
    const match = entry.reason ? REASON.exec(entry.reason) : null;
    if (!match || (entry.outcome !== "sent" && entry.outcome !== "outcome-unknown")) continue;
    const [, template, reference] = match;
    const previous = byReference.get(reference!);
    byReference.set(reference!, {
      reference: reference!,
      sentAt: previous?.sentAt ?? entry.occurredAt,
      by: entry.userName,
      template: template!,
      sendOutcome: previous?.sendOutcome === "sent" ? "sent" : (entry.outcome as "sent" | "outcome-unknown"),
    });
  }
  return [...byReference.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

/**
 * The messages this organisation sent to the patient's NHS App, from the audit trail (each send is audited with its
 * template and reference), with each one's delivery from the NHS App's receipts reports for the days they were sent.
 */
export async function sentMessages(session: ServerSession, role: Cis2Role, nhsNumber: string): Promise<SentMessages> {
  return auditedRead(
    { session, role },
    { action: "nhs-app-messages-view", patientNhsNumber: nhsNumber },
    async (): Promise<SentMessages> => {
      const since = new Date(Date.now() - LIST_DAYS * 24 * 60 * 60 * 1000).toISOString();
      const entries = await services().audit.list({
        patientNhsNumber: nhsNumber,
        action: "nhs-app-message-send",
        orgCodes: [role.orgCode],
        from: since,
        limit: 500,
      });
      const rows = rowsFrom(entries);
      const days = [...new Set(rows.map((row) => row.sentAt.slice(0, 10)))];
      const receipts: Receipt[] = [];
      let failure: NhsFailure | null = null;
      for (const day of days) {
        const report = await services().nhsApp.receipts(day, callContextFor(role, session));
        if (report.kind === "failed") failure = report.failure;
        else receipts.push(...report.receipts);
      }
      return {
        kind: "listed",
        receipts: failure ? "failed" : "found",
        failure,
        checkedAt: new Date(),
        rows: rows.map((row) => {
          const codes = receipts.filter((receipt) => receipt.requestReference === row.reference).map((receipt) => receipt.code);
          const delivery = codes.includes("Rejected") ? "Rejected" : (DELIVERY_ORDER.filter((code) => codes.includes(code)).at(-1) ?? null);
          return { ...row, delivery, receipts: codes };
        }),
      };
    },
    (answer) => ({ upstreamRequestId: answer.failure?.requestId ?? null, outcome: answer.rows.length ? "data-returned" : "not-found" }),
  );
}
