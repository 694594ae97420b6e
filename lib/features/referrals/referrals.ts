import "server-only";
import { canUse } from "@/lib/access/policy";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { BusinessFunction, ErsRole, Referral } from "@/lib/nhs/ers/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { itemKeyFor } from "../record/item-refs";
import { loadPatientPage } from "../record/load-patient";

/** Which business function to act in at an organisation, most clinical first. SPCA needs an on-behalf-of user, so it is not chosen. */
const PREFERENCE: BusinessFunction[] = [
  "REFERRING_CLINICIAN",
  "SERVICE_PROVIDER_CLINICIAN",
  "REFERRING_CLINICIAN_ADMIN",
  "REFERRING_ADMIN",
  "SERVICE_PROVIDER_ADMIN",
];

export type ErsAccess =
  | { kind: "ready"; businessFunction: BusinessFunction; role: ErsRole }
  | { kind: "no-ers-role"; elsewhere: ErsRole[] }
  | { kind: "failed"; failure: NhsFailure };

/** The user's e-RS roles (A030) matched to the organisation of the CIS2 role they are acting in. */
export async function ersAccessFor(role: Cis2Role, session: { id: string }): Promise<ErsAccess> {
  const roles = await services().ers.roles(callContextFor(role, session));
  if (roles.kind === "failed") return roles;
  const here = roles.roles.find((candidate) => candidate.odsCode.toUpperCase() === role.orgCode.toUpperCase());
  const businessFunction = here ? PREFERENCE.find((candidate) => here.businessFunctions.includes(candidate)) : undefined;
  if (!here || !businessFunction) return { kind: "no-ers-role", elsewhere: roles.roles.filter((candidate) => candidate !== here) };
  return { kind: "ready", businessFunction, role: here };
}

/** UBRNs are shown in groups of four; people type them with spaces. */
export function parseUbrnInput(raw: string): { kind: "valid"; ubrn: string } | { kind: "invalid"; problem: "empty" | "format" } {
  const compact = raw.replace(/[\s-]/g, "");
  if (!compact) return { kind: "invalid", problem: "empty" };
  return /^\d{12}$/.test(compact) ? { kind: "valid", ubrn: compact } : { kind: "invalid", problem: "format" };
}

export type ReferralLookup =
  | { kind: "found"; referral: Referral; requestId: string; retrievedAt: Date; businessFunction: BusinessFunction }
  | { kind: "not-found"; requestId: string }
  | { kind: "refused"; requestId: string }
  | { kind: "other-patient" }
  | { kind: "no-ers-role"; elsewhere: ErsRole[] }
  | { kind: "failed"; failure: NhsFailure };

/**
 * A referral by UBRN, audited before it is returned. With expectedNhsNumber, a referral about anyone
 * else is withheld: a mistyped UBRN must not put another patient's referral in this record.
 */
export async function readReferralAudited(session: ServerSession, role: Cis2Role, ubrn: string, expectedNhsNumber: string | null): Promise<ReferralLookup> {
  type Checked = { lookup: ReferralLookup; audit: ReadAuditFacts | [] };
  const row = (requestId: string, outcome: ReadAuditFacts["outcome"], patientNhsNumber = expectedNhsNumber): ReadAuditFacts => ({
    upstreamRequestId: requestId,
    outcome,
    patientNhsNumber,
  });
  const checked = await auditedRead(
    { session, role },
    { action: "referral-view", patientNhsNumber: expectedNhsNumber },
    async (): Promise<Checked> => {
      const access = await ersAccessFor(role, session);
      // the attempt is on record even when e-RS failed before the referral itself was asked for
      if (access.kind === "failed") return { lookup: access, audit: row(access.failure.requestId, "upstream-failure") };
      if (access.kind !== "ready") return { lookup: access, audit: [] };
      const result = await services().ers.referral(ubrn, access.businessFunction, callContextFor(role, session));
      switch (result.kind) {
        case "found":
          if (expectedNhsNumber && result.referral.patientNhsNumber !== expectedNhsNumber)
            return { lookup: { kind: "other-patient" }, audit: row(result.requestId, "refused") };
          return {
            lookup: { ...result, businessFunction: access.businessFunction },
            audit: row(result.requestId, "data-returned", result.referral.patientNhsNumber),
          };
        case "not-found":
          return { lookup: { kind: "not-found", requestId: result.requestId }, audit: row(result.requestId, "not-found") };
        case "refused":
          return { lookup: { kind: "refused", requestId: result.requestId }, audit: row(result.requestId, "refused") };
        case "failed":
          return { lookup: result, audit: row(result.failure.requestId, "upstream-failure") };
        default: {
          const unhandled: never = result;
          return unhandled;
        }
      }
    },
    (answer) => answer.audit,
  );
  return checked.lookup;
}

export type OpenedReferral = ReferralLookup | { kind: "unknown" } | { kind: "not-permitted" };

/** The referral behind an opaque reference in the open patient's record. */
export async function openReferral(ref: string, referralRef: string): Promise<OpenedReferral & { session?: ServerSession; role?: Cis2Role }> {
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded" || (data.outcome.kind !== "found" && data.outcome.kind !== "superseded")) return { kind: "unknown" };
  if (!canUse("view-referrals", data.role, data.session.assurance.authenticationLevel)) return { kind: "not-permitted" };
  const ubrn = itemKeyFor(data.session, ref, "referral", referralRef);
  if (!ubrn) return { kind: "unknown" };
  const lookup = await readReferralAudited(data.session, data.role, ubrn, data.outcome.patient.nhsNumber);
  return { ...lookup, session: data.session, role: data.role };
}
