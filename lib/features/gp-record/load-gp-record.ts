import "server-only";
import { cache } from "react";
import { canUse } from "@/lib/access/policy";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import type { StructuredRecordOutcome, StructuredRecordRequest } from "@/lib/nhs/gpconnect/client";
import type { GpConnectRequester } from "@/lib/nhs/gpconnect/jwt";
import type { GpRecordPatient, GpRecordView, Term } from "@/lib/nhs/gpconnect/structured-record";
import type { PatientRecord } from "@/lib/nhs/pds/client";
import { GET_STRUCTURED_RECORD_INTERACTION, type EndpointLookup } from "@/lib/nhs/sds/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsCallContext, NhsFailure } from "@/lib/nhs/transport/client";
import { services } from "@/lib/server/services";
import { confirmedPatientPage, openedPatient } from "@/lib/features/record/load-patient";

/** Where the practice's record and PDS disagree about who the patient is. */
export type IdentityField = "name" | "date-of-birth" | "gender";

export type GpRecordResult =
  | { kind: "not-permitted" }
  | { kind: "no-patient" }
  /** GP Connect is off for this service (int without HSCN settings): said once, not per patient. */
  | { kind: "not-configured" }
  /** PDS names no registered practice (none, or a restricted record): nothing to route to. */
  | { kind: "no-practice" }
  /** SDS: the practice does not offer GP Connect Access Record: Structured. */
  | { kind: "not-offered"; practiceOds: string; requestId: string | null }
  | { kind: "directory-failed"; practiceOds: string; failure: NhsFailure }
  /** The practice's record is for another NHS number: withheld, never shown. */
  | { kind: "wrong-patient"; practiceOds: string; requestId: string }
  | { kind: "answered"; practiceOds: string; outcome: StructuredRecordOutcome; mismatch: IdentityField[] };

const normal = (value: string | null | undefined) => (value ?? "").trim().toLowerCase();

/** GP Connect's consumer checks (GPC-STR-TST-GEN-07): the returned Patient against what PDS showed the user. */
export function identityMismatch(pds: Pick<PatientRecord, "name" | "birthDate" | "gender">, practice: GpRecordPatient): IdentityField[] {
  const fields: IdentityField[] = [];
  const pdsGiven = normal(pds.name?.given?.[0]);
  const practiceGiven = normal(practice.given[0]);
  if (normal(pds.name?.family) !== normal(practice.family) || pdsGiven !== practiceGiven) fields.push("name");
  if ((pds.birthDate ?? null) !== (practice.birthDate ?? null)) fields.push("date-of-birth");
  if (normal(pds.gender) !== normal(practice.gender)) fields.push("gender");
  return fields;
}

/** The signed-in user as GP Connect's JWT names them: the CIS2 user id and role profile, the role's organisation. */
export function requesterFor(session: { user: { uid: string; name: string } }, role: Cis2Role): GpConnectRequester {
  const words = session.user.name.trim().split(/\s+/);
  return {
    sdsUserId: session.user.uid,
    sdsRoleProfileId: role.personRoleId,
    name: { family: words.at(-1) ?? session.user.name, given: words.slice(0, -1) },
    organisation: { odsCode: role.orgCode, name: role.orgName ?? role.orgCode },
  };
}

/**
 * SNOMED CT terms for the items the practice recorded by code alone, from the Terminology Server (which is sent only
 * the code). The record's own text is never replaced; a lookup that fails leaves the code showing.
 */
export async function withSnomedTerms(record: GpRecordView, context: NhsCallContext): Promise<GpRecordView> {
  const terms: Term[] = [
    ...record.medications.map((item) => item.name),
    ...record.allergies.map((item) => item.substance),
    ...record.problems.map((item) => item.name),
    ...record.immunisations.map((item) => item.vaccine),
    ...record.investigations.map((item) => item.name),
  ].filter((term) => term.text === null && term.code !== null);
  const codes = [...new Set(terms.map((term) => term.code!))];
  const found = new Map<string, string>();
  await Promise.all(
    codes.map(async (code) => {
      const lookup = await services().terminology.lookup(code, context);
      if (lookup.kind === "found") found.set(code, lookup.display);
    }),
  );
  for (const term of terms) {
    const display = found.get(term.code!);
    if (display) term.snomed = display;
  }
  return record;
}

/** The SDS lookup for one page view: cached per request, never across patients or requests (the spec forbids it). */
const endpointFor = cache(
  (odsCode: string, context: NhsCallContext): Promise<EndpointLookup> => services().sds.endpointFor(odsCode, GET_STRUCTURED_RECORD_INTERACTION, context),
);

function auditFacts(result: GpRecordResult): ReadAuditFacts[] {
  switch (result.kind) {
    case "not-permitted":
    case "no-patient":
    case "not-configured":
      return [];
    case "no-practice":
      return [{ upstreamRequestId: null, outcome: "refused" }];
    case "not-offered":
      return [{ upstreamRequestId: result.requestId, outcome: "not-found" }];
    case "directory-failed":
      return [{ upstreamRequestId: result.failure.requestId, outcome: "upstream-failure" }];
    case "wrong-patient":
      return [{ upstreamRequestId: result.requestId, outcome: "refused" }];
    case "answered": {
      const outcome = result.outcome;
      switch (outcome.kind) {
        case "found":
          return [{ upstreamRequestId: outcome.requestId, outcome: "data-returned" }];
        case "not-available":
          return [{ upstreamRequestId: outcome.requestId, outcome: "not-found" }];
        case "no-consent":
        case "not-enabled":
        case "refused":
          return [{ upstreamRequestId: outcome.requestId, outcome: "refused" }];
        case "practice-unavailable":
        case "malformed":
          return [{ upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" }];
        default: {
          const unhandled: never = outcome;
          return unhandled;
        }
      }
    }
    default: {
      const unhandled: never = result;
      return unhandled;
    }
  }
}

/**
 * The GP record for the open patient: PDS's registered practice (already read for the banner), then SDS for the
 * practice's GP Connect address and ASID, then the structured record through the SSP. Every attempt that reaches
 * the route is audited, refusals and failures included, before anything is shown; a record whose Patient differs
 * from PDS is shown with the differences named and a second audit row (action gp-record-mismatch).
 */
async function loadGpRecord(ref: string, request: StructuredRecordRequest): Promise<GpRecordResult> {
  const opened = await openedPatient(ref);
  if (opened.kind !== "opened") return { kind: "no-patient" };
  const { session, role } = opened;
  if (!canUse("view-gp-record", role, session.assurance.authenticationLevel)) return { kind: "not-permitted" };
  const gpConnect = services().gpConnect;
  if (!gpConnect || getConfig().gpConnect.kind !== "on") return { kind: "not-configured" };
  const confirmed = await confirmedPatientPage(ref);
  if (!confirmed) return { kind: "no-patient" };
  const patient = confirmed.patient;
  const action = request === "summary" ? "gp-record-view" : "gp-record-consultations-view";

  const result = await auditedRead<GpRecordResult>(
    { session, role },
    { action, patientNhsNumber: patient.nhsNumber },
    async () => {
      if (!patient.gpOdsCode || patient.restricted) return { kind: "no-practice" };
      const context = callContextFor(role, session);
      const lookup = await endpointFor(patient.gpOdsCode, context);
      if (lookup.kind === "failed") return { kind: "directory-failed", practiceOds: patient.gpOdsCode, failure: lookup.failure };
      if (lookup.kind === "not-offered") return { kind: "not-offered", practiceOds: patient.gpOdsCode, requestId: lookup.requestIds.at(-1) ?? null };
      const outcome = await gpConnect.structuredRecord({
        nhsNumber: patient.nhsNumber,
        endpoint: lookup.endpoint,
        requester: requesterFor(session, role),
        request,
        context,
      });
      if (outcome.kind !== "found") return { kind: "answered", practiceOds: patient.gpOdsCode, outcome, mismatch: [] };
      await withSnomedTerms(outcome.record, context);
      if (outcome.record.patient.nhsNumber !== patient.nhsNumber) {
        logger.warn({ event: "gp-record-for-another-patient-withheld", requestId: outcome.requestId }, "a GP record named another NHS number");
        return { kind: "wrong-patient", practiceOds: patient.gpOdsCode, requestId: outcome.requestId };
      }
      return { kind: "answered", practiceOds: patient.gpOdsCode, outcome, mismatch: identityMismatch(patient, outcome.record.patient) };
    },
    auditFacts,
  );
  if (result.kind === "answered" && result.mismatch.length && result.outcome.kind === "found") {
    const requestId = result.outcome.requestId;
    // the second row is written before the page (and its banner) can be shown
    await auditedRead(
      { session, role },
      { action: "gp-record-mismatch", patientNhsNumber: patient.nhsNumber, reason: result.mismatch.join(", ") },
      async () => null,
      () => ({ upstreamRequestId: requestId, outcome: "data-returned" }),
    );
  }
  return result;
}

/** The record with every section and the latest consultations. */
export const loadGpRecordSummary = cache((ref: string) => loadGpRecord(ref, "summary"));

/** Every consultation, fetched only when the clinician asks for more than the latest three. */
export const loadGpConsultations = cache((ref: string) => loadGpRecord(ref, "consultations"));
