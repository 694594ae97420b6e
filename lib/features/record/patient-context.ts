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

export async function rememberRecentPatient(session: ServerSession, ref: string, patient: PatientRecord) {
  await services().sessions.update(session.id, (current) => {
    const others = (current.recentPatients ?? []).filter((entry) => entry.nhsNumber !== patient.nhsNumber);
    return {
      ...current,
      recentPatients: [
        { ref, name: formatPatientName(patient.name) ?? "", nhsNumber: patient.nhsNumber, birthDate: patient.birthDate, openedAt: Date.now() },
        ...others,
      ].slice(0, RECENT_PATIENTS),
    };
  });
}
