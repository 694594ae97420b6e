import "server-only";
import { cache } from "react";
import { canUse, type Feature } from "@/lib/access/policy";
import { requestedPath, sectionFeature } from "@/lib/access/sections";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { requireActingRole } from "@/lib/auth/session";
import type { PatientRetrieveOutcome } from "@/lib/nhs/pds/client";
import type { ServerSession } from "@/lib/state/session-store";
import { rememberRecentPatient } from "./patient-context";
import { retrievePatientAudited } from "./retrieve-patient";

const PATIENT_REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type PatientPageData =
  | { kind: "not-permitted" }
  | { kind: "unknown-ref" }
  | {
      kind: "loaded";
      session: ServerSession;
      role: Cis2Role;
      ref: string;
      searchedNhsNumber: string | null;
      outcome: PatientRetrieveOutcome;
    };

/**
 * The patient a reference names in this session, without asking PDS: enough to start the record's other reads.
 * Refused before anything is read when the role may not see the record, or the part of it the request is for
 * (a tab refused with 403 must not read PDS, nor write an audit row for data nobody sees).
 */
export const openedPatient = cache(
  async (
    ref: string,
  ): Promise<
    /** The role may not see the record (`section` null) or the part of it asked for. */
    | { kind: "not-permitted"; section: Feature | null }
    | { kind: "unknown-ref" }
    | { kind: "opened"; session: ServerSession; role: Cis2Role; nhsNumber: string; searchedNhsNumber: string | null }
  > => {
    const { session, role } = await requireActingRole();
    if (!canUse("view-demographics", role, session.assurance.authenticationLevel)) return { kind: "not-permitted", section: null };
    const section = sectionFeature(await requestedPath());
    if (section && !canUse(section, role, session.assurance.authenticationLevel)) return { kind: "not-permitted", section };
    const opened = PATIENT_REF.test(ref) ? session.patientRefs[ref] : undefined;
    if (!opened) return { kind: "unknown-ref" };
    return { kind: "opened", session, role, nhsNumber: opened.nhsNumber, searchedNhsNumber: opened.searchedNhsNumber ?? null };
  },
);

/**
 * The patient behind a page's opaque reference, read from PDS once per request (the layout and the
 * page share it) and audited before anything is shown.
 */
export const loadPatientPage = cache(async (ref: string): Promise<PatientPageData> => {
  const opened = await openedPatient(ref);
  if (opened.kind !== "opened") return opened;
  const { session, role } = opened;
  const outcome = await retrievePatientAudited(session, role, opened.nhsNumber, "patient-record-view");
  if (outcome.kind === "found" || outcome.kind === "superseded") await rememberRecentPatient(session, ref, outcome.patient);
  return { kind: "loaded", session, role, ref, searchedNhsNumber: opened.searchedNhsNumber, outcome };
});

/** The page's patient as PDS confirmed them (found, or found under a new NHS number); null when PDS did not return them. */
export async function confirmedPatientPage(ref: string) {
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded" || (data.outcome.kind !== "found" && data.outcome.kind !== "superseded")) return null;
  return { session: data.session, role: data.role, patient: data.outcome.patient, retrievedAt: data.outcome.retrievedAt };
}

/** The NHS number PDS confirms for the page's patient, or null when PDS did not return them. */
async function confirmedNhsNumber(ref: string): Promise<string | null> {
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  return data.outcome.kind === "found" || data.outcome.kind === "superseded" ? data.outcome.patient.nhsNumber : null;
}

/**
 * A read for the page's patient, started alongside the page's PDS read with the NHS number the session
 * opened, so it does not wait for PDS. Its answer is given only once PDS confirms that number: if PDS
 * has replaced the number it is read again under the new one, and if PDS did not return the patient
 * the answer is `unconfirmed`.
 */
export async function readConfirmedByPds<T>(ref: string, openedNhsNumber: string, read: (nhsNumber: string) => Promise<T>, unconfirmed: T): Promise<T> {
  const [confirmed, early] = await Promise.all([confirmedNhsNumber(ref), read(openedNhsNumber)]);
  if (confirmed === null) return unconfirmed;
  return confirmed === openedNhsNumber ? early : read(confirmed);
}
