import "server-only";
import { z } from "zod";
import * as content from "@/lib/content";
import type { FailureMessage } from "@/lib/features/failure-message";
import { describeFailure } from "@/lib/features/failure-message";
import { addFieldError, type FieldError } from "@/lib/forms";
import { parseUbrnInput, type ReferralLookup } from "./referrals";

/** The UBRN form's one field, with the id its page gives the input. */
export const UBRN_FIELD_ID = "ubrn";

export const ubrnSchema = z.object({
  ubrn: z.string().transform((typed, ctx) => {
    const parsed = parseUbrnInput(typed);
    if (parsed.kind === "valid") return parsed.ubrn;
    addFieldError(ctx, UBRN_FIELD_ID, content.referrals.errors[parsed.problem]);
    return z.NEVER;
  }),
});

/** What a UBRN form shows after a lookup that did not open a referral. */
export type UbrnFormState =
  | { status: "idle" }
  | { status: "invalid"; value: string; errors: FieldError[] }
  | { status: "message"; value: string; message: string; reference: string | null }
  | { status: "failed"; value: string; failure: FailureMessage };

export function ubrnFormStateFor(lookup: Exclude<ReferralLookup, { kind: "found" }>, value: string, ubrn: string, organisation: string): UbrnFormState {
  const text = content.referrals;
  switch (lookup.kind) {
    case "not-found":
      return { status: "message", value, message: text.notFound(ubrn), reference: lookup.requestId };
    case "refused":
      return { status: "message", value, message: text.refused, reference: lookup.requestId };
    case "other-patient":
      return { status: "message", value, message: text.otherPatient, reference: null };
    case "no-ers-role":
      return { status: "message", value, message: text.noErsRole(organisation), reference: null };
    case "failed":
      return { status: "failed", value, failure: describeFailure(lookup.failure) };
    default: {
      const unhandled: never = lookup;
      return unhandled;
    }
  }
}
