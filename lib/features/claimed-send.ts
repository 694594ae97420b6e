import "server-only";
import type { ReadAuditFacts, Reader } from "@/lib/audit/audited-read";
import { auditedWrite, type WriteAccess } from "@/lib/audit/audited-write";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import type { PatientRecord } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { retrievePatientAudited } from "./record/retrieve-patient";

/**
 * A write sent exactly once, held in the session (a vaccination, a change to one, a message to the NHS App, a
 * BaRS referral): its identifiers are fixed when the person starts it; one request claims the send in one session
 * transaction, and any other waits for that send's outcome; the attempt is audited before it goes and its outcome
 * after; an outcome that cannot be known is said to be unknown and never resent by itself. What is sent, and what
 * each answer means, are the feature's.
 */

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SETTLE_POLL_MILLISECONDS = 200;

/** What every send held in the session has: whose it is, its state, and since when one request has been sending it. */
export interface HeldSend {
  patientRef: string;
  state: string;
  sendingSince?: number | null;
  createdAt?: number;
}

/** How long a send may stay "sending": the call's own deadline, and time to record its outcome. */
export function sendingDeadlineMs() {
  return getConfig().NHS_API_TIMEOUT_MS + 5_000;
}

/**
 * A send still "sending" after its deadline was cut short (the server stopped, or the request failed before
 * recording an outcome): whether it went out is unknown, so it says so, with Check status, and is never resent by itself.
 */
export function withStaleSendSettled<A extends HeldSend>(action: A, now = Date.now()): A {
  if (action.state !== "sending" || now - (action.sendingSince ?? action.createdAt ?? 0) <= sendingDeadlineMs()) return action;
  return { ...action, state: "unknown", settledAt: now };
}

/** Waits for another request's send to finish, rather than sending a second time; gives up at the deadline. */
export async function waitWhileSending<A extends { state: string }>(read: () => Promise<A | null>, deadlineMs: number): Promise<A | null> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const action = await read();
    if (!action || action.state !== "sending" || Date.now() > deadline) return action;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MILLISECONDS));
  }
}

type PatientRefusal = { kind: "patient-unavailable" } | { kind: "patient-deceased" };

/** How a send ended for this request: done (sent by it, or by the request that held the claim), or refused before it went. */
export type ClaimedSendResult<A> = { kind: "done"; action: A } | { kind: "unknown-action" } | PatientRefusal;

const done = <A>(action: A | null): ClaimedSendResult<A> => (action ? { kind: "done", action } : { kind: "unknown-action" });

/** The session slices that hold sends, by opaque reference. */
type SendSlice = "vaccinations" | "vaccinationChanges" | "patientMessages" | "barsReferrals";
type Held<K extends SendSlice> = NonNullable<ServerSession[K]>[string];

/** One slice's sends: each read with a stale "sending" settled, each change made in one session transaction. */
export interface HeldSends<A extends HeldSend> {
  /** The send started under this reference for this patient, or null (another patient's, or none). */
  find(session: ServerSession, patientRef: string, ref: string): A | null;
  /** Changes the send in one session transaction, a stale "sending" settled first; null when there is none. */
  change(sessionId: string, ref: string, update: (action: A) => A): Promise<A | null>;
  /** The send as stored now, a stale "sending" settled. */
  read(sessionId: string, ref: string): Promise<A | null>;
  /** Records an answered send's outcome in one session transaction. */
  settle(sessionId: string, ref: string, update: (action: A) => A): Promise<ClaimedSendResult<A>>;
}

export function heldSends<K extends SendSlice>(key: K, settleStale: (action: Held<K>) => Held<K> = withStaleSendSettled): HeldSends<Held<K>> {
  const slice = (session: ServerSession) => session[key] as Record<string, Held<K>> | undefined;
  const sends: HeldSends<Held<K>> = {
    find(session, patientRef, ref) {
      const action = REF.test(ref) ? slice(session)?.[ref] : undefined;
      return action && action.patientRef === patientRef ? settleStale(action) : null;
    },
    async change(sessionId, ref, update) {
      const updated = await services().sessions.update(sessionId, (current) => {
        const action = slice(current)?.[ref];
        return action ? { ...current, [key]: { ...slice(current), [ref]: update(settleStale(action)) } } : current;
      });
      return (updated && slice(updated)?.[ref]) ?? null;
    },
    async read(sessionId, ref) {
      const session = await services().sessions.get(sessionId);
      const action = session && slice(session)?.[ref];
      return action ? settleStale(action) : null;
    },
    async settle(sessionId, ref, update) {
      return done(await sends.change(sessionId, ref, update));
    },
  };
  return sends;
}

/** The patient as PDS holds them now, for the write; a patient recorded as having died is refused. */
async function patientToWrite(session: ServerSession, role: Cis2Role, patientRef: string): Promise<{ kind: "ok"; patient: PatientRecord } | PatientRefusal> {
  const nhsNumber = session.patientRefs[patientRef]?.nhsNumber;
  const answer = nhsNumber ? await retrievePatientAudited(session, role, nhsNumber, "patient-record-view") : null;
  if (!answer || (answer.kind !== "found" && answer.kind !== "superseded")) return { kind: "patient-unavailable" };
  if (answer.patient.deceased) return { kind: "patient-deceased" };
  return { kind: "ok", patient: answer.patient };
}

/** What the error log says when a send throws: the ids that name the call, never the patient. */
export interface ThrewLog {
  event: string;
  message: string;
  ids: { requestId: string } | { localId: string };
}

/** One audited write: the access fixed before it goes, the call, and what its answer says for the audit. */
export interface AuditedAttempt<R> {
  access: WriteAccess;
  send: () => Promise<R>;
  factsOf: (answer: R) => Omit<ReadAuditFacts, "patientNhsNumber">;
  threw: ThrewLog;
}

/**
 * Sends once through auditedWrite. A throw (the call, or the audit) is logged and answered "threw": the write may
 * or may not have gone, so the caller records an unknown outcome, never "sending", and never resends by itself.
 */
export async function attemptAudited<R>(writer: Reader, attempt: AuditedAttempt<R>): Promise<{ kind: "answered"; answer: R } | { kind: "threw" }> {
  try {
    return { kind: "answered", answer: await auditedWrite(writer, attempt.access, attempt.send, attempt.factsOf) };
  } catch (error) {
    logger.error({ event: attempt.threw.event, ...attempt.threw.ids, error: error instanceof Error ? error.message : "unknown" }, attempt.threw.message);
    return { kind: "threw" };
  }
}

/** How far a claimed send went: answered (the feature settles it), or finished here. */
export type ClaimedSendAttempt<A, R> = { kind: "answered"; claimed: A; patient: PatientRecord; answer: R } | ClaimedSendResult<A>;

/** The feature's parts of a claimed send. */
export interface ClaimedSendSteps<A, R> {
  /** The send as claimed ("sending", with whatever the first send fixes), or null when it may not be sent now. */
  claim(action: A): A | null;
  /** Nothing went out (the patient check refused it): puts back what the claim changed, so the person may try again. */
  release(action: A, beforeClaim: A): A;
  /** The write to send for the claimed action and the patient as PDS holds them now. */
  write(claimed: A, patient: PatientRecord): AuditedAttempt<R>;
  /** The send threw: whether it went out is unknown. */
  unknown(action: A): A;
}

/**
 * Claims the send in one session transaction (another request's claim wins, and this one waits for its outcome),
 * checks the patient with PDS, and sends once, audited before and after. Answered, the feature settles the answer
 * (sends.settle).
 */
export async function sendClaimed<A extends HeldSend, R>(
  sends: HeldSends<A>,
  writer: Reader,
  patientRef: string,
  ref: string,
  steps: ClaimedSendSteps<A, R>,
): Promise<ClaimedSendAttempt<A, R>> {
  const sessionId = writer.session.id;
  let beforeClaim = null as A | null;
  const claimed = await sends.change(sessionId, ref, (action) => {
    const sending = action.patientRef === patientRef ? steps.claim(action) : null;
    if (!sending) return action;
    beforeClaim = action;
    return sending;
  });
  if (!claimed || claimed.patientRef !== patientRef) return { kind: "unknown-action" };
  if (!beforeClaim) return done(await waitWhileSending(() => sends.read(sessionId, ref), sendingDeadlineMs()));
  const previous = beforeClaim;

  // nothing has gone out yet: if the patient check itself throws (its audit store down), the claim is given back
  // rather than left "sending" until its deadline and then shown as unknown
  const giveBack = () => sends.change(sessionId, ref, (action) => steps.release(action, previous));
  const patient = await patientToWrite(writer.session, writer.role, patientRef).catch(async (error: unknown) => {
    await giveBack();
    throw error;
  });
  if (patient.kind !== "ok") {
    await giveBack();
    return patient;
  }
  const attempt = await attemptAudited(writer, steps.write(claimed, patient.patient));
  if (attempt.kind === "threw") return done(await sends.change(sessionId, ref, steps.unknown));
  return { kind: "answered", claimed, patient: patient.patient, answer: attempt.answer };
}
