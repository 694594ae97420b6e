import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { AuditReviewSessionSlice } from "../audit-review/session-slice";
import type { BarsSessionSlice } from "../bars/session-slice";
import type { RecordSessionSlice } from "../record/session-slice";
import type { ScrSessionSlice } from "../scr/session-slice";
import type { SearchSessionSlice } from "../search/session-slice";
import type { VaccinationSessionSlice } from "../vaccination/session-slice";
import type { PatientMessagesSessionSlice } from "../patient-messages/session-slice";

/** Who is signed in and how: what every request needs, whatever the feature. */
export interface SignedInSession {
  id: string;
  user: { uid: string; name: string };
  assurance: { authenticationLevel: number; identityLevel: number | null; acr: string | null; amr: string[] };
  roles: Cis2Role[];
  selectedRoleId: string | null;
  /** Kept for RP-initiated logout at CIS2 (id_token_hint) and APIM token exchange. */
  idToken: string;
  /** The user's API platform token from CIS2 token exchange; never leaves the server, gone with the session. */
  apimUserToken?: { accessToken: string; expiresAt: number; refreshToken: string | null; refreshExpiresAt: number } | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/**
 * Everything the server knows about a signed-in user: the sign-in itself and each feature's typed slice.
 * The browser holds only an encrypted cookie naming the session id. A new feature adds its slice here and
 * nowhere else; the store (lib/state) does not change.
 */
export type ServerSession = SignedInSession &
  RecordSessionSlice &
  SearchSessionSlice &
  ScrSessionSlice &
  BarsSessionSlice &
  AuditReviewSessionSlice &
  VaccinationSessionSlice &
  PatientMessagesSessionSlice;

type FeatureSlices = RecordSessionSlice &
  SearchSessionSlice &
  ScrSessionSlice &
  BarsSessionSlice &
  AuditReviewSessionSlice &
  VaccinationSessionSlice &
  PatientMessagesSessionSlice;

/**
 * Every feature's slice as a new working context starts it: nothing from the last role (patients opened, the
 * last search, references, SCR bases, referrals, audit filter) carries into the next. Typed so that a new
 * feature's slice must be given its empty value here.
 */
export const EMPTY_FEATURE_SLICES: { [K in keyof FeatureSlices]-?: Exclude<FeatureSlices[K], undefined> } = {
  patientRefs: {},
  itemRefs: {},
  recentPatients: [],
  lastSearch: null,
  latestScrIds: {},
  scrAccess: {},
  referralServiceSearch: null,
  barsReferrals: {},
  auditFilter: {},
  vaccinations: {},
  vaccinationChanges: {},
  patientMessages: {},
};
