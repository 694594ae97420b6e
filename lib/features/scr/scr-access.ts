import * as content from "@/lib/content";
import type { ScrAccessBasis } from "./session-slice";
import type { FieldError } from "../search/search-forms";

export const ACCESS_BASES: ScrAccessBasis[] = ["patient-permission", "legitimate-relationship", "self-claimed-relationship", "emergency-access"];
const text = content.scr.basis;

export type BasisResult = { kind: "valid"; basis: ScrAccessBasis; reason: string | null } | { kind: "invalid"; errors: FieldError[] };

/** Emergency access needs a reason (and details for an "other" reason); a claimed relationship may give one. */
export function validateAccessBasis(form: { basis?: string; reason?: string; details?: string }): BasisResult {
  const basis = ACCESS_BASES.find((candidate) => candidate === form.basis);
  const details = (form.details ?? "").trim();
  const errors: FieldError[] = [];
  if (!basis) errors.push({ fieldId: "basis-1", message: text.errors.basis });
  if (details.length > 200) errors.push({ fieldId: "details", message: text.errors.detailsLength });
  let reason: string | null = details || null;
  if (basis === "emergency-access") {
    const chosen = text.reasons.find((candidate) => candidate === form.reason);
    if (!chosen) errors.push({ fieldId: "reason-1", message: text.errors.reason });
    else if (chosen === text.reasons[text.reasons.length - 1] && !details) errors.push({ fieldId: "details", message: text.errors.details });
    else reason = details ? `${chosen}: ${details}` : chosen;
  }
  if (errors.length || !basis) return { kind: "invalid", errors };
  return { kind: "valid", basis, reason: basis === "emergency-access" || basis === "self-claimed-relationship" ? reason : null };
}

/** Whether a basis alerts the Privacy Officer. */
export const alertsPrivacyOfficer = (basis: ScrAccessBasis) => basis === "self-claimed-relationship" || basis === "emergency-access";
