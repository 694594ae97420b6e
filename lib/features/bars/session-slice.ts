import type { NhsFailure } from "@/lib/nhs/transport/client";

/** A service a referral can go to: from Service Search with its DoS id, or one of the NHS sandbox's test targets. */
export interface ReferralReceiver {
  name: string;
  odsCode: string | null;
  address: string | null;
  phone: string | null;
  dosServiceId: string | null;
  testTarget: string | null;
}

export type BarsReferralState = "draft" | "sending" | "sent" | "unknown" | "not-received" | "rejected";

/**
 * One "refer" action by the person. Its ids are fixed when it starts, so every send of it is the
 * same message with the same X-Request-ID: a receiver that already has it answers 409, not twice.
 */
export interface BarsReferralAction {
  patientRef: string;
  receiver: ReferralReceiver;
  bundleId: string;
  requestId: string;
  serviceRequestId: string;
  reason: string | null;
  state: BarsReferralState;
  attempts: number;
  createdAt: number;
  /** When this attempt claimed the send: a send still "sending" long after it is taken to have an unknown outcome. */
  sendingSince?: number | null;
  /** The message timestamp, fixed at the first send so that a repeat is byte-for-byte the same message. */
  sentAt: string | null;
  settledAt: number | null;
  /** Sent, but the receiver said it already had it (409 on a repeat). */
  alreadyReceived: boolean;
  /** Unknown because the receiver claimed to hold a first attempt (409), not because it went quiet. */
  conflict: boolean;
  /** The last failure: the rejection, the unknown outcome, or a status check that got no answer. */
  failure: NhsFailure | null;
  retryable: boolean;
}

export interface ReferralServiceSearch {
  patientRef: string;
  form: Record<string, string>;
  at: number;
  outcome:
    | { kind: "found"; choices: Array<ReferralReceiver & { token: string; typeName: string }>; total: number; requestId: string }
    | { kind: "failed"; failure: NhsFailure };
}

/** What the BaRS feature keeps in the server session. */
export interface BarsSessionSlice {
  /** The last Service Search made to refer a patient; choosing a result refers to what was shown, by token. */
  referralServiceSearch?: ReferralServiceSearch | null;
  /** BaRS referrals started or sent in this session, by opaque reference. */
  barsReferrals?: Record<string, BarsReferralAction>;
}
