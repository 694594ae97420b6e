import type { Cis2Role } from "@/lib/auth/cis2-role";
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

export type ScrAccessBasis = "patient-permission" | "legitimate-relationship" | "self-claimed-relationship" | "emergency-access";

/**
 * Everything the server knows about a signed-in user. The browser holds only an encrypted cookie
 * naming the session id; tokens, roles and the patients they opened stay here.
 */
export interface ServerSession {
  id: string;
  user: { uid: string; name: string };
  assurance: { authenticationLevel: number; identityLevel: number | null; acr: string | null; amr: string[] };
  roles: Cis2Role[];
  selectedRoleId: string | null;
  /** Kept for RP-initiated logout at CIS2 (id_token_hint) and, later, APIM token exchange. */
  idToken: string;
  /** Opaque references used in URLs instead of NHS numbers. */
  patientRefs: Record<string, { nhsNumber: string; searchedNhsNumber?: string; createdAt: number }>;
  /** The last search by details, so that Back from a record returns to its results without a URL carrying it. */
  lastSearch?: { kind: "basic" | "advanced"; form: Record<string, string>; at: number } | null;
  /** Opaque references for things opened from a record (shared documents, prescriptions), so their IDs stay out of URLs. */
  itemRefs?: Record<string, { patientRef: string; kind: "document" | "prescription" | "referral"; key: string }>;
  /** The SCR id last shown for each patient, so the next view can read it while checking it is still the latest. */
  latestScrIds?: Record<string, string>;
  /** The basis of access the user confirmed for each patient's SCR in this session and role. */
  scrAccess?: Record<string, { basis: ScrAccessBasis; reason: string | null; confirmedAt: number; alertRequestId: string | null }>;
  /** The last Service Search made to refer a patient; choosing a result refers to what was shown, by token. */
  referralServiceSearch?: ReferralServiceSearch | null;
  /** BaRS referrals started or sent in this session, by opaque reference. */
  barsReferrals?: Record<string, BarsReferralAction>;
  /** The user's API platform token from CIS2 token exchange; never leaves the server, gone with the session. */
  apimUserToken?: { accessToken: string; expiresAt: number; refreshToken: string | null; refreshExpiresAt: number } | null;
  /** The Privacy Officer's audit filters, kept server-side so that NHS numbers stay out of URLs. */
  auditFilter?: Record<string, string>;
  /** Patients opened in this session, newest first; gone at sign-out with the session. */
  recentPatients?: Array<{ ref: string; name: string; nhsNumber: string; birthDate: string | null; openedAt: number }>;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/**
 * Shared state several app instances must agree on. The embedded default is SQLite on local disk;
 * a trust running several instances behind a load balancer supplies PostgreSQL or Redis here.
 */
export interface SessionStore {
  create(session: ServerSession): Promise<void>;
  /** The session, or null if it does not exist or has expired. */
  get(id: string, now?: number): Promise<ServerSession | null>;
  save(session: ServerSession): Promise<void>;
  /** Reads, changes and writes one session as a unit; null if it no longer exists. */
  update(id: string, change: (session: ServerSession) => ServerSession): Promise<ServerSession | null>;
  delete(id: string): Promise<void>;
}

export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, string>();

  async create(session: ServerSession) {
    this.sessions.set(session.id, JSON.stringify(session));
  }

  async get(id: string, now = Date.now()) {
    const stored = this.sessions.get(id);
    if (!stored) return null;
    const session = JSON.parse(stored) as ServerSession;
    if (session.expiresAt <= now) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  async save(session: ServerSession) {
    if (this.sessions.has(session.id)) this.sessions.set(session.id, JSON.stringify(session));
  }

  async update(id: string, change: (session: ServerSession) => ServerSession) {
    const current = await this.get(id);
    if (!current) return null;
    const next = change(current);
    this.sessions.set(id, JSON.stringify(next));
    return next;
  }

  async delete(id: string) {
    this.sessions.delete(id);
  }
}
