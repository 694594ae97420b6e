import "server-only";
import { randomUUID } from "node:crypto";
import { auditedRead } from "@/lib/audit/audited-read";
import type { AuditOutcome } from "@/lib/audit/audit-trail";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { getConfig } from "@/lib/config";
import type { CreateOutcome, DeleteOutcome, ReadOutcome, UpdateOutcome } from "@/lib/nhs/immunisation/client";
import type { PatientRecord } from "@/lib/nhs/pds/client";
import { immunizationResource, type VaccinationRecordInput } from "@/lib/nhs/immunisation/resource";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { type ClaimedSendResult, heldSends, sendClaimed } from "../claimed-send";
import type { VaccinationAction, VaccinationChange } from "./session-slice";
import type { VaccinationValues } from "./vaccination-form";
import type { VaccineType } from "@/lib/nhs/immunisation/vaccine-types";

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** States from which the person may send: the same record, with the same identifier and X-Request-ID, each time. */
const SENDABLE = new Set<VaccinationAction["state"]>(["draft", "not-recorded"]);
const VACCINATIONS = heldSends("vaccinations");
const CHANGES = heldSends("vaccinationChanges");

/** The app's own identifier system for the records it makes, per organisation (reference/next-apis.md 3.1). */
export function vaccinationIdentifierSystem(odsCode: string): string {
  return `${getConfig().APP_BASE_URL}/identifiers/vaccination/${odsCode}`;
}

/** Whether a vaccination in the national record was recorded through this service (by any of its organisations). */
export function isRecordedHere(vaccination: { identifier: { system: string } | null }): boolean {
  return vaccination.identifier?.system.startsWith(`${getConfig().APP_BASE_URL}/identifiers/vaccination/`) ?? false;
}

// ---------------------------------------------------------------------------------------------------
// Recording a vaccination

/** A new vaccination for the patient, not yet sent: its identifier and X-Request-ID fixed here, once. */
export function draftVaccination(patientRef: string, odsCode: string): VaccinationAction {
  return {
    patientRef,
    identifier: { system: vaccinationIdentifierSystem(odsCode), value: randomUUID() },
    requestId: randomUUID(),
    values: null,
    state: "draft",
    attempts: 0,
    createdAt: Date.now(),
    sendingSince: null,
    recordedAt: null,
    settledAt: null,
    record: null,
    alreadyRecorded: false,
    refusal: null,
    failure: null,
  };
}

/** Starts recording a vaccination for a patient opened in this session; null when the reference is not one. */
export async function startVaccination(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  chosenType: VaccineType | null = null,
): Promise<string | null> {
  if (!session.patientRefs[patientRef]) return null;
  const actionRef = randomUUID();
  const action = { ...draftVaccination(patientRef, role.orgCode), chosenType };
  await services().sessions.update(session.id, (current) => ({ ...current, vaccinations: { ...(current.vaccinations ?? {}), [actionRef]: action } }));
  return actionRef;
}

/** The vaccination started under this reference for this patient, or null (another patient's, or none). */
export function vaccinationAction(session: ServerSession, patientRef: string, actionRef: string): VaccinationAction | null {
  return VACCINATIONS.find(session, patientRef, actionRef);
}

/** Keeps the checked answers for "Check your answers"; only before the first send, so what is sent stays what was sent. */
export async function saveVaccinationAnswers(session: ServerSession, patientRef: string, actionRef: string, values: VaccinationValues) {
  if (!vaccinationAction(session, patientRef, actionRef)) return null;
  return VACCINATIONS.change(session.id, actionRef, (action) => (action.state === "draft" && action.attempts === 0 ? { ...action, values } : action));
}

export type RecordResult = ClaimedSendResult<VaccinationAction>;

function recordInput(
  values: VaccinationValues,
  action: { identifier: { system: string; value: string }; recordedAt: string },
  patient: PatientRecord,
  session: ServerSession,
  role: Cis2Role,
): VaccinationRecordInput {
  const performer = session.user.name.trim().split(/\s+/);
  return {
    identifier: action.identifier,
    vaccineType: values.vaccineType,
    product: values.product,
    batch: values.batch,
    expiry: values.expiry,
    doseNumber: values.doseNumber,
    dose: values.dose,
    site: values.site,
    route: values.route,
    occurredAt: values.givenAt,
    recordedAt: action.recordedAt,
    organisation: { odsCode: role.orgCode, name: role.orgName },
    performer: { sdsUserId: session.user.uid, family: performer.at(-1) ?? session.user.name, given: performer.slice(0, -1) },
    patient: {
      nhsNumber: patient.nhsNumber,
      family: patient.name?.family ?? "UNKNOWN",
      given: patient.name?.given ?? [],
      gender: patient.gender ?? "unknown",
      birthDate: patient.birthDate ?? "",
      // a restricted record's address is withheld: the record then carries the "not known" postcode
      postalCode: patient.restricted ? null : (patient.homeAddress?.postalCode ?? null),
    },
  };
}

const WRITE_AUDIT: Record<CreateOutcome["kind"] | UpdateOutcome["kind"] | DeleteOutcome["kind"], AuditOutcome> = {
  created: "sent",
  updated: "sent",
  deleted: "sent",
  duplicate: "sent",
  "version-conflict": "refused",
  forbidden: "refused",
  invalid: "upstream-failure",
  "not-found": "not-found",
  unknown: "outcome-unknown",
  failed: "upstream-failure",
};

/**
 * The record the API holds under this vaccination's identifier, read back and checked to be this patient's
 * vaccination of this type: a record under the identifier that is not is never shown as this one.
 */
async function readBack(session: ServerSession, role: Cis2Role, action: VaccinationAction, nhsNumber: string) {
  const context = callContextFor(role, session);
  const found = await services().immunisation.findByIdentifier(action.identifier, context);
  if (found.kind !== "found") return found;
  const read = await services().immunisation.read(found.id, context);
  if (read.kind !== "found") return { kind: "failed" as const, failure: read.failure };
  const same = read.vaccination.patientNhsNumber === nhsNumber && read.vaccination.vaccineType === action.values?.vaccineType;
  return same
    ? { kind: "found" as const, id: found.id, version: read.version, requestId: read.requestId }
    : { kind: "clash" as const, requestId: read.requestId };
}

/**
 * Records the vaccination once. The session records "sending" before anything goes out, in one transaction, so a
 * second click, a second tab or a second instance waits for this send's outcome instead of sending again. A 422
 * DUPLICATE is read back by identifier; no answer (a timeout, 408, 5xx) is "not known yet", settled only by Check
 * status, never by sending again. Each attempt is audited before it goes, and its outcome after.
 */
export async function recordVaccination(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string): Promise<RecordResult> {
  const sent = await sendClaimed<VaccinationAction, CreateOutcome>(VACCINATIONS, { session, role }, patientRef, actionRef, {
    claim: (action) =>
      SENDABLE.has(action.state) && action.values
        ? { ...action, state: "sending", sendingSince: Date.now(), attempts: action.attempts + 1, recordedAt: action.recordedAt ?? new Date().toISOString() }
        : null,
    release: (action, beforeClaim) => ({ ...action, state: beforeClaim.state, attempts: action.attempts - 1, sendingSince: null }),
    write: (claimed, patient) => {
      const values = claimed.values!;
      const resource = immunizationResource(recordInput(values, { identifier: claimed.identifier, recordedAt: claimed.recordedAt! }, patient, session, role));
      return {
        access: {
          action: "vaccination-record",
          patientNhsNumber: patient.nhsNumber,
          upstreamRequestId: claimed.requestId,
          reason: `${values.vaccineType}: ${values.product.display}; consent recorded; attempt ${claimed.attempts}`,
        },
        send: () => services().immunisation.create(resource, claimed.requestId, callContextFor(role, session)),
        factsOf: (answer) => ({ upstreamRequestId: claimed.requestId, outcome: WRITE_AUDIT[answer.kind] }),
        threw: { event: "vaccination-send-threw", message: "a vaccination send threw", ids: { requestId: claimed.requestId } },
      };
    },
    unknown: (action) => ({ ...action, state: "unknown", settledAt: Date.now(), failure: null }),
  });
  if (sent.kind !== "answered") return sent;
  const { answer: outcome, claimed: claimedAction, patient } = sent;

  // already there: read back what the API holds under this identifier, and check it is this vaccination
  const duplicate = outcome.kind === "duplicate" ? await readBack(session, role, claimedAction, patient.nhsNumber) : null;
  return VACCINATIONS.settle(session.id, actionRef, (action) => {
    const settledAt = Date.now();
    switch (outcome.kind) {
      case "created":
        return { ...action, state: "recorded", settledAt, record: { id: outcome.id, version: outcome.version }, failure: null, refusal: null };
      case "duplicate":
        return duplicate?.kind === "found"
          ? {
              ...action,
              state: "recorded",
              settledAt,
              record: { id: duplicate.id, version: duplicate.version },
              alreadyRecorded: true,
              failure: null,
              refusal: null,
            }
          : // a duplicate that cannot be read back, or is not this vaccination: not known, and never shown as this one
            { ...action, state: "unknown", settledAt, failure: duplicate?.kind === "failed" ? duplicate.failure : outcome.failure };
      case "unknown":
        return { ...action, state: "unknown", settledAt, failure: outcome.failure };
      case "forbidden":
        return { ...action, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "forbidden", diagnostics: null } };
      case "invalid":
        return { ...action, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "invalid", diagnostics: outcome.diagnostics } };
      case "not-found":
      case "failed":
        // refused before anything was written (no token, 401, 429, calls paused): it may be sent again, as the same record
        return { ...action, state: "not-recorded", settledAt, failure: outcome.failure, refusal: { kind: "failed", diagnostics: null } };
      default: {
        const unhandled: never = outcome;
        return unhandled;
      }
    }
  });
}

/** After an unknown outcome: asks the API whether it holds a record with this vaccination's identifier. Never resends. */
export async function checkVaccinationStatus(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string): Promise<VaccinationAction | null> {
  const action = vaccinationAction(session, patientRef, actionRef);
  const nhsNumber = session.patientRefs[patientRef]?.nhsNumber;
  if (!action || action.state !== "unknown" || !nhsNumber) return action;
  const found = await auditedRead(
    { session, role },
    { action: "vaccination-status", patientNhsNumber: nhsNumber, reason: action.identifier.value },
    () => readBack(session, role, action, nhsNumber),
    (answer) => ({
      upstreamRequestId: answer.kind === "failed" ? answer.failure.requestId : answer.requestId,
      outcome: answer.kind === "found" ? "data-returned" : answer.kind === "failed" ? "upstream-failure" : "not-found",
    }),
  );
  return VACCINATIONS.change(session.id, actionRef, (current) => {
    if (current.state !== "unknown") return current;
    switch (found.kind) {
      case "found":
        return { ...current, state: "recorded", record: { id: found.id, version: found.version }, alreadyRecorded: true, failure: null, settledAt: Date.now() };
      case "absent":
        return { ...current, state: "not-recorded", failure: null, settledAt: Date.now() };
      case "clash":
        // a record under this identifier that is not this vaccination: stays unknown, for the service desk
        return current;
      case "failed":
        return { ...current, failure: found.failure };
      default: {
        const unhandled: never = found;
        return unhandled;
      }
    }
  });
}

/** What the national record holds for a record: read, audited, and checked to be this patient's. */
export async function readRecordedVaccination(session: ServerSession, role: Cis2Role, patientRef: string, recordId: string): Promise<ReadOutcome | null> {
  const nhsNumber = session.patientRefs[patientRef]?.nhsNumber;
  if (!nhsNumber || !REF.test(recordId)) return null;
  const read = await auditedRead(
    { session, role },
    { action: "vaccination-view", patientNhsNumber: nhsNumber },
    () => services().immunisation.read(recordId, callContextFor(role, session)),
    (answer) => ({
      upstreamRequestId: answer.kind === "found" ? answer.requestId : answer.failure.requestId,
      outcome:
        answer.kind === "found" ? "data-returned" : answer.kind === "not-found" ? "not-found" : answer.kind === "forbidden" ? "refused" : "upstream-failure",
    }),
  );
  // another patient's record is never shown in this one's
  if (read.kind === "found" && read.vaccination.patientNhsNumber !== nhsNumber) return null;
  return read;
}

// ---------------------------------------------------------------------------------------------------
// Changing a record, or marking it entered in error

export type ChangeStart = { kind: "started"; changeRef: string; read: Extract<ReadOutcome, { kind: "found" }> } | { kind: "cannot"; read: ReadOutcome | null };

/**
 * Starts a change (or an entered-in-error mark) of a record as of the version read now, which the person then sees:
 * a newer version at the API when it is sent is a conflict, and nothing is written.
 */
export async function startVaccinationChange(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  recordId: string,
  kind: VaccinationChange["kind"],
): Promise<ChangeStart> {
  const read = await readRecordedVaccination(session, role, patientRef, recordId);
  if (read?.kind !== "found" || !read.identifier) return { kind: "cannot", read };
  const changeRef = randomUUID();
  const change: VaccinationChange = {
    patientRef,
    recordId,
    identifier: read.identifier,
    kind,
    version: read.version,
    requestId: randomUUID(),
    values: null,
    reason: null,
    state: "draft",
    sendingSince: null,
    settledAt: null,
    refusal: null,
    failure: null,
  };
  await services().sessions.update(session.id, (current) => ({
    ...current,
    vaccinationChanges: { ...(current.vaccinationChanges ?? {}), [changeRef]: change },
  }));
  return { kind: "started", changeRef, read };
}

export function vaccinationChange(session: ServerSession, patientRef: string, changeRef: string): VaccinationChange | null {
  return CHANGES.find(session, patientRef, changeRef);
}

export type ChangeResult = { kind: "done"; change: VaccinationChange } | Exclude<ClaimedSendResult<VaccinationChange>, { kind: "done" }>;

const asChangeResult = (result: ClaimedSendResult<VaccinationChange>): ChangeResult =>
  result.kind === "done" ? { kind: "done", change: result.action } : result;

/**
 * Sends the change (PUT, with the new answers) or the entered-in-error mark (DELETE, with its reason) once, as of
 * the version the person saw (E-Tag). Claimed in one transaction as a new record is; a repeat with the same E-Tag
 * after it went through is a conflict at the API, never a second change.
 */
export async function sendVaccinationChange(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  changeRef: string,
  what: { values: VaccinationValues } | { reason: string },
): Promise<ChangeResult> {
  const sent = await sendClaimed<VaccinationChange, UpdateOutcome | DeleteOutcome>(CHANGES, { session, role }, patientRef, changeRef, {
    claim: (change) => {
      const fits = change.kind === "update" ? "values" in what : "reason" in what;
      if (change.state !== "draft" || !fits) return null;
      return {
        ...change,
        state: "sending",
        sendingSince: Date.now(),
        ...("values" in what ? { values: what.values } : { reason: what.reason.trim().slice(0, 200) }),
      };
    },
    release: (change) => ({ ...change, state: "draft", sendingSince: null }),
    write: (claimed, patient) => {
      const context = callContextFor(role, session);
      const { identifier } = claimed;
      return {
        access: {
          action: claimed.kind === "update" ? "vaccination-update" : "vaccination-delete",
          patientNhsNumber: patient.nhsNumber,
          upstreamRequestId: claimed.requestId,
          reason: `record ${claimed.recordId} version ${claimed.version}${claimed.reason ? `: ${claimed.reason}` : ""}`,
        },
        send: (): Promise<UpdateOutcome | DeleteOutcome> =>
          claimed.kind === "update"
            ? services().immunisation.update(
                claimed.recordId,
                immunizationResource(recordInput(claimed.values!, { identifier, recordedAt: new Date().toISOString() }, patient, session, role)),
                claimed.version,
                claimed.requestId,
                context,
              )
            : services().immunisation.markEnteredInError(claimed.recordId, claimed.version, claimed.requestId, context),
        factsOf: (answer) => ({ upstreamRequestId: claimed.requestId, outcome: WRITE_AUDIT[answer.kind] }),
        threw: { event: "vaccination-change-send-threw", message: "a vaccination change threw", ids: { requestId: claimed.requestId } },
      };
    },
    unknown: (change) => ({ ...change, state: "unknown", settledAt: Date.now() }),
  });
  if (sent.kind !== "answered") return asChangeResult(sent);
  const outcome = sent.answer;
  const settled = await CHANGES.settle(session.id, changeRef, (change) => {
    const settledAt = Date.now();
    switch (outcome.kind) {
      case "updated":
      case "deleted":
        return { ...change, state: "done", settledAt, failure: null };
      case "version-conflict":
        return { ...change, state: "conflict", settledAt, failure: outcome.failure };
      case "not-found":
        // marking entered in error what is already gone has the effect asked for; changing it does not
        return { ...change, state: change.kind === "delete" ? "done" : "gone", settledAt, failure: outcome.failure };
      case "unknown":
        return { ...change, state: "unknown", settledAt, failure: outcome.failure };
      case "forbidden":
        return { ...change, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "forbidden", diagnostics: null } };
      case "invalid":
        return { ...change, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "invalid", diagnostics: outcome.diagnostics } };
      case "failed":
        return { ...change, state: "refused", settledAt, failure: outcome.failure, refusal: { kind: "failed", diagnostics: null } };
      default: {
        const unhandled: never = outcome;
        return unhandled;
      }
    }
  });
  return asChangeResult(settled);
}

/**
 * After an unknown outcome of a change: reads the record. A version past the one seen means it went through (or
 * someone else changed it: the page shows what is there); the same version means nothing happened, and the change
 * may be sent again with the same E-Tag. A mark whose record is gone went through.
 */
export async function checkVaccinationChangeStatus(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  changeRef: string,
): Promise<VaccinationChange | null> {
  const change = vaccinationChange(session, patientRef, changeRef);
  if (!change || change.state !== "unknown") return change;
  const read = await readRecordedVaccination(session, role, patientRef, change.recordId);
  return CHANGES.change(session.id, changeRef, (current) => {
    if (current.state !== "unknown" || !read) return current;
    if (read.kind === "not-found") return { ...current, state: current.kind === "delete" ? "done" : "gone", failure: null, settledAt: Date.now() };
    if (read.kind !== "found") return { ...current, failure: read.failure };
    return read.version > current.version
      ? { ...current, state: "done", failure: null, settledAt: Date.now() }
      : { ...current, state: "draft", failure: null, sendingSince: null, settledAt: Date.now() };
  });
}
