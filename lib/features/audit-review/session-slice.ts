/** What the audit review keeps in the server session. */
export interface AuditReviewSessionSlice {
  /** The Privacy Officer's audit filters, kept server-side so that NHS numbers stay out of URLs. */
  auditFilter?: Record<string, string>;
}
