/** The vaccination form's field ids, lengths and choices. Safe for client components: it imports no schema or text. */

export const VACCINATION_FIELD_IDS = {
  vaccineType: "vaccineType",
  product: "product",
  batch: "batch",
  /** A date input: expiry-day, expiry-month, expiry-year. */
  expiry: "expiry",
  doseNumber: "doseNumber",
  doseAmount: "doseAmount",
  doseUnit: "doseUnit",
  site: "site",
  route: "route",
  /** A date input: given-day, given-month, given-year. */
  given: "given",
  givenTime: "givenTime",
  consent: "consent",
} as const;

const DATE_PARTS = (prefix: string) => ({ [`${prefix}-day`]: 2, [`${prefix}-month`]: 2, [`${prefix}-year`]: 4 });

/** What readForm keeps of each posted field: longer than any valid value, so a long one is refused rather than cut to fit. */
export const VACCINATION_FIELD_LENGTHS = {
  vaccineType: 20,
  product: 20,
  batch: 120,
  ...DATE_PARTS("expiry"),
  doseNumber: 4,
  doseAmount: 10,
  doseUnit: 4,
  site: 20,
  route: 20,
  ...DATE_PARTS("given"),
  givenTime: 6,
  consent: 4,
} as Readonly<Record<string, number>>;

export const DOSE_UNIT_CHOICES = ["ml", "ug"] as const;
export const CONSENT_GIVEN = "yes";
