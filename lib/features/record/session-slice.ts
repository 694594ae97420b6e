/** What the record feature keeps in the server session: the opaque references its URLs use. */
export interface RecordSessionSlice {
  /** Opaque references used in URLs instead of NHS numbers. */
  patientRefs: Record<string, { nhsNumber: string; searchedNhsNumber?: string; createdAt: number }>;
  /** Opaque references for things opened from a record (shared documents, prescriptions), so their IDs stay out of URLs. */
  itemRefs?: Record<string, { patientRef: string; kind: "document" | "prescription" | "referral"; key: string }>;
  /** Patients opened in this session, newest first; gone at sign-out with the session. */
  recentPatients?: Array<{ ref: string; name: string; nhsNumber: string; birthDate: string | null; openedAt: number }>;
}
