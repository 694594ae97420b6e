export type ScrAccessBasis = "patient-permission" | "legitimate-relationship" | "self-claimed-relationship" | "emergency-access";

/** What the SCR feature keeps in the server session. */
export interface ScrSessionSlice {
  /** The SCR id last shown for each patient, so the next view can read it while checking it is still the latest. */
  latestScrIds?: Record<string, string>;
  /** The basis of access the user confirmed for each patient's SCR in this session and role. */
  scrAccess?: Record<string, { basis: ScrAccessBasis; reason: string | null; confirmedAt: number; alertRequestId: string | null }>;
}
