/** The GP summary form's field ids and lengths. Safe for client components: it imports no schema or text. */

export const GP_SUMMARY_FIELD_IDS = {
  reason: "reason",
  findings: "findings",
  actions: "actions",
  advice: "advice",
  followUp: "followUp",
} as const;

/** The longest each field may be, and what readForm keeps (longer, so that a long one is refused, not cut). */
export const GP_SUMMARY_MAX = { reason: 200, findings: 2000, actions: 2000, advice: 2000, followUp: 1000 } as const;
export const GP_SUMMARY_FIELD_LENGTHS = Object.fromEntries(Object.entries(GP_SUMMARY_MAX).map(([field, max]) => [field, max + 1])) as Record<
  keyof typeof GP_SUMMARY_MAX,
  number
>;
