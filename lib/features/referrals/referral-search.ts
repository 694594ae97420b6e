import "server-only";
import * as content from "@/lib/content";
import type { FailureMessage } from "@/lib/features/failure-message";
import { describeFailure } from "@/lib/features/failure-message";
import type { ReferralLookup } from "./referrals";

/** What a UBRN form shows after a lookup that did not open a referral. */
export type UbrnFormState =
  | { status: "idle" }
  | { status: "invalid"; value: string; error: string }
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
