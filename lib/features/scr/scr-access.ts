import { z } from "zod";
import * as content from "@/lib/content/scr";
import { addFieldError, evenWithFieldErrors, oneOf, text, validateForm, type FieldError } from "@/lib/forms";
import type { ScrAlertReasonCode } from "@/lib/nhs/scr/client";
import type { ScrAccessBasis } from "./session-slice";
import { ACCESS_BASES } from "./access-bases";

const basisText = content.scr.basis;
const OTHER_REASON = basisText.reasons[basisText.reasons.length - 1];
const PUBLIC_INTEREST_REASON = basisText.reasons[2];

export type BasisResult = { kind: "valid"; basis: ScrAccessBasis; reason: string | null } | { kind: "invalid"; errors: FieldError[] };

/** Emergency access needs a reason (and details for an "other" reason); a claimed relationship may give one. */
export const accessBasisSchema = z
  .object({
    basis: oneOf(ACCESS_BASES).refine((basis) => basis !== undefined, { error: basisText.errors.basis, params: { fieldId: "basis-1" } }),
    details: text.refine((details) => details.length <= 200, basisText.errors.detailsLength),
    reason: oneOf(basisText.reasons),
  })
  .superRefine(({ basis, reason, details }, ctx) => {
    if (basis !== "emergency-access") return;
    if (!reason) addFieldError(ctx, "reason-1", basisText.errors.reason);
    else if (reason === OTHER_REASON && !details) addFieldError(ctx, "details", basisText.errors.details);
  }, evenWithFieldErrors)
  .transform(({ basis, reason, details }) => {
    // once valid, there is a basis, and a reason for emergency access
    const given = basis === "emergency-access" ? (details ? `${reason}: ${details}` : reason!) : details || null;
    return { basis: basis!, reason: basis === "emergency-access" || basis === "self-claimed-relationship" ? given : null };
  });

export function validateAccessBasis(form: { basis?: string; reason?: string; details?: string }): BasisResult {
  const validated = validateForm(accessBasisSchema, form);
  return validated.kind === "valid" ? { kind: "valid", ...validated.value } : validated;
}

/**
 * SCR's alert reason for a basis and the reason given: a claimed relationship is self-claimed access; an
 * emergency's reason is in the public interest, another reason, or (the patient unable to give permission,
 * a medical emergency) an emergency.
 */
export function privacyAlertReason(basis: "self-claimed-relationship" | "emergency-access", reason: string | null): ScrAlertReasonCode {
  if (basis === "self-claimed-relationship") return "4";
  if (reason?.startsWith(PUBLIC_INTEREST_REASON)) return "1";
  if (reason?.startsWith(OTHER_REASON)) return "6";
  return "5";
}

/** Whether a basis alerts the Privacy Officer. */
export const alertsPrivacyOfficer = (basis: ScrAccessBasis) => basis === "self-claimed-relationship" || basis === "emergency-access";
