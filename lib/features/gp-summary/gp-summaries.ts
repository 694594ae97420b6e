import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { auditedRead } from "@/lib/audit/audited-read";
import { getConfig } from "@/lib/config";
import * as content from "@/lib/content";
import { formatPatientName } from "@/lib/format";
import { gpProviderAddress, SEND_DOCUMENT_WORKFLOW, sendDocumentBundle, sendDocumentSubject } from "@/lib/nhs/send-document/message";
import type { MeshFailure } from "@/lib/nhs/mesh/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import type { GpSummaryRecord, GpSummaryState } from "@/lib/state/gp-summary-store";

export type { GpSummaryView } from "./gp-summary-view";
import type { ServerSession } from "@/lib/state/session-store";
import { attemptAudited, waitWhileSending } from "../claimed-send";
import { retrievePatientAudited } from "../record/retrieve-patient";
import type { GpSummaryValues } from "./gp-summary-form";
import { gpSummaryView, type GpSummaryView } from "./gp-summary-view";
import { reconcileThroughTracking } from "./mesh-poller";
import { summaryPdf } from "./summary-pdf";

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** States from which the person may send: a draft, or the very same message after MESH said it never had it. */
const SENDABLE: readonly GpSummaryState[] = ["draft", "not-received"];

/** How long a send may stay "sending": the call's own deadline (a chunked send, each chunk), and time to record it. */
export function sendingDeadlineMs() {
  return getConfig().NHS_API_TIMEOUT_MS * 2 + 5_000;
}

export function gpSummaryAvailable(): boolean {
  return services().mesh !== null;
}

const nhsNumberOf = (session: ServerSession, patientRef: string) => (REF.test(patientRef) ? (session.patientRefs[patientRef]?.nhsNumber ?? null) : null);

/** The summary, if it is this patient's and this organisation's; anything else is as if it did not exist. */
export async function gpSummaryFor(session: ServerSession, role: Cis2Role, patientRef: string, summaryId: string): Promise<GpSummaryRecord | null> {
  const nhsNumber = nhsNumberOf(session, patientRef);
  if (!nhsNumber || !REF.test(summaryId)) return null;
  const record = await services().gpSummaries.get(summaryId);
  return record && record.nhsNumber === nhsNumber && record.orgCode === role.orgCode ? record : null;
}

/**
 * Starts a summary: its ids (the MESH local id, the ITK3 MessageHeader's) are fixed here, once, so every send of it
 * is the same message. Correcting a failed summary starts a new one from its words.
 */
export async function startGpSummary(session: ServerSession, role: Cis2Role, patientRef: string, corrects: string | null): Promise<string | null> {
  const nhsNumber = nhsNumberOf(session, patientRef);
  if (!nhsNumber) return null;
  const failed = corrects ? await gpSummaryFor(session, role, patientRef, corrects) : null;
  const now = Date.now();
  const id = randomUUID();
  await services().gpSummaries.create({
    id,
    nhsNumber,
    orgCode: role.orgCode,
    author: { userId: session.user.uid, name: session.user.name, roleId: role.personRoleId, roleName: role.roleName },
    state: "draft",
    messageHeaderId: randomUUID(),
    meshMessageId: null,
    failureCode: null,
    failureDetail: null,
    corrects: failed?.state === "failed" ? failed.id : null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    sendingSince: null,
    content: failed?.state === "failed" && failed.content ? { ...failed.content, pdf: "", message: "" } : null,
  });
  return id;
}

export type DraftOutcome = { kind: "saved" } | { kind: "unknown-summary" } | { kind: "patient-unavailable" } | { kind: "deceased" } | { kind: "no-gp" };

/**
 * Keeps the consultation and makes the PDF and the ITK3 message from it and from PDS as it is now (read and
 * audited): the preview shows these very bytes, and the send sends them.
 */
export async function saveGpSummaryDraft(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  summaryId: string,
  values: GpSummaryValues,
): Promise<DraftOutcome> {
  const record = await gpSummaryFor(session, role, patientRef, summaryId);
  if (!record || record.state !== "draft") return { kind: "unknown-summary" };
  const read = await retrievePatientAudited(session, role, record.nhsNumber, "patient-record-view");
  if (read.kind !== "found" && read.kind !== "superseded") return { kind: "patient-unavailable" };
  const patient = read.patient;
  if (patient.deceased) return { kind: "deceased" };
  if (!patient.gpOdsCode || !patient.name?.family || !patient.birthDate) return { kind: "no-gp" };
  const practiceLookup = await services().ods.organisation(patient.gpOdsCode, callContextFor(role, session));
  const practice = { odsCode: patient.gpOdsCode, name: practiceLookup.kind === "found" ? practiceLookup.organisation.name : patient.gpOdsCode };
  const mesh = services().mesh;
  if (!mesh) return { kind: "unknown-summary" };
  const writtenAt = new Date().toISOString();
  const sendDocumentPatient = {
    nhsNumber: patient.nhsNumber,
    family: patient.name.family,
    given: patient.name.given ?? [],
    birthDate: patient.birthDate,
    gender: patient.gender,
  };
  const sender = {
    odsCode: role.orgCode,
    organisationName: role.orgName ?? role.orgCode,
    practitionerName: session.user.name,
    sdsRoleProfileId: role.personRoleId,
    mailboxId: mesh.mailboxId,
  };
  const pdf = await summaryPdf({ patient: sendDocumentPatient, practice, sender, writtenAt, consultation: values });
  const message = {
    messageHeaderId: record.messageHeaderId,
    bundleId: record.id,
    taskId: randomUUID(),
    patient: sendDocumentPatient,
    practice,
    sender,
    writtenAt,
    title: content.gpSummary.pdf.heading,
    pdf,
  };
  const saved = await services().gpSummaries.transition(record.id, ["draft"], {
    state: "draft",
    content: {
      consultation: values,
      patientName: formatPatientName(patient.name) ?? patient.name.family,
      practice,
      mexTo: gpProviderAddress(sendDocumentPatient),
      subject: sendDocumentSubject(message),
      pdf: Buffer.from(pdf).toString("base64"),
      message: Buffer.from(JSON.stringify(sendDocumentBundle(message))).toString("base64"),
    },
  });
  return saved ? { kind: "saved" } : { kind: "unknown-summary" };
}

export type GpSendResult = { kind: "done"; record: GpSummaryRecord } | { kind: "unknown-summary" } | { kind: "not-ready" };

/**
 * Sends the summary once. The store marks it "sending" before anything goes out, in one statement that only a
 * draft (or a summary MESH said it never had) passes, so a double click, a second tab or another instance waits
 * for this send instead of sending again. A lost answer is "unknown", settled only through MESH tracking.
 */
export async function sendGpSummary(session: ServerSession, role: Cis2Role, patientRef: string, summaryId: string): Promise<GpSendResult> {
  const record = await gpSummaryFor(session, role, patientRef, summaryId);
  const mesh = services().mesh;
  if (!record || !mesh) return { kind: "unknown-summary" };
  if (SENDABLE.includes(record.state) && !record.content?.message) return { kind: "not-ready" };
  const claimed = await services().gpSummaries.transition(summaryId, SENDABLE, { state: "sending", sendingSince: Date.now() });
  if (!claimed) {
    const outcome = await waitWhileSending(() => services().gpSummaries.get(summaryId), sendingDeadlineMs());
    return outcome ? { kind: "done", record: outcome } : { kind: "unknown-summary" };
  }
  const body = Buffer.from(claimed.content!.message, "base64");
  const attempt = await attemptAudited(
    { session, role },
    {
      access: {
        action: "gp-summary-send",
        patientNhsNumber: claimed.nhsNumber,
        upstreamRequestId: claimed.id,
        reason: `${claimed.content!.practice.odsCode} (local id ${claimed.id})`,
      },
      send: () =>
        mesh.send({
          to: claimed.content!.mexTo,
          workflowId: SEND_DOCUMENT_WORKFLOW,
          subject: claimed.content!.subject,
          localId: claimed.id,
          fileName: `${claimed.id}.json`,
          contentType: "application/fhir+json",
          body,
        }),
      factsOf: (answer) => ({
        upstreamRequestId: answer.kind === "sent" ? answer.messageId : claimed.id,
        outcome: answer.kind === "sent" ? "sent" : answer.kind === "rejected" ? "upstream-failure" : "outcome-unknown",
      }),
      threw: { event: "gp-summary-send-threw", message: "a GP summary send threw", ids: { localId: claimed.id } },
    },
  );
  if (attempt.kind === "threw") {
    const unknown = await services().gpSummaries.transition(summaryId, ["sending"], { state: "unknown", sendingSince: null });
    return { kind: "done", record: unknown ?? claimed };
  }
  const outcome = attempt.answer;
  const change =
    outcome.kind === "sent"
      ? { state: "sent" as const, meshMessageId: outcome.messageId, sentAt: Date.now(), sendingSince: null }
      : outcome.kind === "rejected"
        ? {
            state: "failed" as const,
            failureCode: "refused",
            failureDetail: meshAnswer(outcome.failure),
            sendingSince: null,
          }
        : { state: "unknown" as const, meshMessageId: outcome.messageId, failureDetail: meshAnswer(outcome.failure), sendingSince: null };
  const next = await services().gpSummaries.transition(summaryId, ["sending"], change);
  return { kind: "done", record: next ?? (await services().gpSummaries.get(summaryId)) ?? claimed };
}

/** What MESH answered a send that did not go through, as a code a service desk can pass on (never patient data). */
export function meshAnswer(failure: MeshFailure): string {
  switch (failure.kind) {
    case "http-error":
      return `HTTP ${failure.status}${failure.errorCode ? ` (${failure.errorCode})` : ""}`;
    case "auth-failed":
      return `HTTP ${failure.status}`;
    case "timeout":
      return "no answer in time";
    case "network-error":
      return "connection lost";
    case "invalid-response":
      return "answer not understood";
    default: {
      const unhandled: never = failure;
      return unhandled;
    }
  }
}

/** After a lost answer: asks MESH's tracking whether it has the message. Never resends. */
export async function checkGpSummary(session: ServerSession, role: Cis2Role, patientRef: string, summaryId: string): Promise<GpSummaryRecord | null> {
  const record = await gpSummaryFor(session, role, patientRef, summaryId);
  const mesh = services().mesh;
  if (!record || !mesh || (record.state !== "unknown" && record.state !== "sending")) return record;
  return reconcileThroughTracking(
    {
      store: services().gpSummaries,
      mesh,
      audit: (entry) =>
        services().audit.record({ ...entry, userId: session.user.uid, userName: session.user.name, roleId: role.personRoleId, roleName: role.roleName }),
    },
    record,
    Date.now(),
  );
}

/** What the list shows and the version it is at (an opaque fingerprint of the summaries' ids, states and changes). */
export interface GpSummaryList {
  version: string;
  summaries: GpSummaryView[];
}

/**
 * Changes whenever anything the list shows changes: a fingerprint of each summary as the list shows it, so even two
 * changes within one millisecond (one updatedAt) move it; an opaque hash, it says nothing about the patient.
 */
export function gpSummaryListVersion(records: readonly GpSummaryRecord[]): string {
  const hash = createHash("sha256");
  for (const record of records) hash.update(`${JSON.stringify([record.updatedAt, gpSummaryView(record)])}\n`);
  return hash.digest("base64url").slice(0, 22);
}

/**
 * The patient's summaries sent from this organisation, newest first. Given the version the page already shows, it
 * answers "unchanged" when nothing moved: nothing about the patient is shown then, so nothing is audited, and a
 * page following a summary writes a row for each change it shows, not for every poll. Anything returned is
 * audited before it is.
 */
export async function listGpSummaries(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  shownVersion: string | null = null,
): Promise<GpSummaryList | { kind: "unchanged"; version: string } | null> {
  const nhsNumber = nhsNumberOf(session, patientRef);
  if (!nhsNumber) return null;
  const ours = (await services().gpSummaries.listForPatient(nhsNumber)).filter((record) => record.orgCode === role.orgCode);
  const version = gpSummaryListVersion(ours);
  if (shownVersion === version) return { kind: "unchanged", version };
  const records = await auditedRead(
    { session, role },
    { action: "gp-summary-view", patientNhsNumber: nhsNumber },
    async () => ours,
    (rows) => ({ upstreamRequestId: null, outcome: rows.length ? "data-returned" : "not-found" }),
  );
  return { version, summaries: records.map(gpSummaryView) };
}

/** The summary's PDF, the very bytes in its message, for the preview; the read is audited before it is shown. */
export async function gpSummaryPdf(session: ServerSession, role: Cis2Role, patientRef: string, summaryId: string): Promise<Buffer | null> {
  const record = await gpSummaryFor(session, role, patientRef, summaryId);
  if (!record?.content?.pdf) return null;
  const pdf = record.content.pdf;
  return auditedRead(
    { session, role },
    { action: "gp-summary-preview", patientNhsNumber: record.nhsNumber, reason: record.id },
    async () => Buffer.from(pdf, "base64"),
    () => ({ upstreamRequestId: null, outcome: "data-returned" }),
  );
}
