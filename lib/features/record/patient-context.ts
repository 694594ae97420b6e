import "server-only";
import { randomUUID } from "node:crypto";
import { formatPatientName } from "@/lib/format";
import type { PatientRecord } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

const RECENT_PATIENTS = 10;

/**
 * The opaque references patient pages are addressed by. A patient keeps one reference for the
 * session, so that a link opened twice, or from the recent list, is the same page.
 */
export async function referencesFor(sessionId: string, nhsNumbers: string[]): Promise<Record<string, string>> {
  const references: Record<string, string> = {};
  await services().sessions.update(sessionId, (session) => {
    const patientRefs = { ...session.patientRefs };
    for (const nhsNumber of nhsNumbers) {
      const existing = Object.entries(patientRefs).find(([, entry]) => entry.nhsNumber === nhsNumber && !entry.searchedNhsNumber)?.[0];
      const ref = existing ?? randomUUID();
      if (!existing) patientRefs[ref] = { nhsNumber, createdAt: Date.now() };
      references[nhsNumber] = ref;
    }
    return { ...session, patientRefs, lastSeenAt: Date.now() };
  });
  return references;
}

/** A reference for a patient reached by an NHS number that PDS has replaced, remembering the old one. */
export async function referenceForSuperseded(sessionId: string, currentNhsNumber: string, searchedNhsNumber: string): Promise<string> {
  const ref = randomUUID();
  await services().sessions.update(sessionId, (session) => ({
    ...session,
    patientRefs: { ...session.patientRefs, [ref]: { nhsNumber: currentNhsNumber, searchedNhsNumber, createdAt: Date.now() } },
  }));
  return ref;
}

/**
 * Puts the patient at the top of the session's recent list. Every tab of a record asks; when this request's
 * session already has them at the top as they are, there is nothing to write (a durable write per page before).
 */
export async function rememberRecentPatient(session: ServerSession, ref: string, patient: PatientRecord) {
  const entry = { ref, name: formatPatientName(patient.name) ?? "", nhsNumber: patient.nhsNumber, birthDate: patient.birthDate };
  const top = session.recentPatients?.[0];
  if (top && top.ref === entry.ref && top.name === entry.name && top.nhsNumber === entry.nhsNumber && top.birthDate === entry.birthDate) return;
  await services().sessions.update(session.id, (current) => {
    const others = (current.recentPatients ?? []).filter((recent) => recent.nhsNumber !== patient.nhsNumber);
    return { ...current, recentPatients: [{ ...entry, openedAt: Date.now() }, ...others].slice(0, RECENT_PATIENTS) };
  });
}
