/** Text for recording a vaccination given here (Immunisation FHIR API writes, SNOMED CT from the Terminology Server). */

const TYPE_NAMES = {
  "3IN1": "3-in-1 teenage booster (tetanus, diphtheria and polio)",
  COVID: "COVID-19",
  FLU: "Flu",
  HPV: "HPV (human papillomavirus)",
  MENACWY: "MenACWY (meningococcal groups A, C, W and Y)",
  MMR: "MMR (measles, mumps and rubella)",
  MMRV: "MMRV (measles, mumps, rubella and chickenpox)",
  PERTUSSIS: "Whooping cough (pertussis)",
  PNEUMOCOCCAL: "Pneumococcal",
  RSV: "RSV (respiratory syncytial virus)",
  SHINGLES: "Shingles",
} as const;

/** What a field of the Immunization resource is called on the form, for diagnostics that name an element. */
const ELEMENT_LABELS: Array<[RegExp, string]> = [
  [/lotNumber/, "batch number"],
  [/expirationDate/, "expiry date"],
  [/doseNumber/, "dose number"],
  [/doseQuantity/, "dose amount"],
  [/vaccineCode/, "product"],
  [/targetDisease/, "vaccine type"],
  [/occurrenceDateTime/, "date and time given"],
  [/\bsite\b/, "site"],
  [/\broute\b/, "route"],
  [/Patient/, "the patient's details from PDS"],
  [/location|performer/, "your organisation"],
];

export const vaccination = {
  title: "Record a vaccination",
  notPermitted:
    "Your selected role cannot record vaccinations. You need a role with View Patient Medication (B0401) or pharmacy activities (B0570), signed in with a smartcard or equivalent.",
  typeNames: TYPE_NAMES as Record<keyof typeof TYPE_NAMES, string>,
  doseUnits: { ml: "ml", ug: "micrograms" } as Record<"ml" | "ug", string>,
  labels: {
    vaccineType: "Vaccine",
    product: "Product",
    batch: "Batch number",
    expiry: "Batch expiry date",
    doseNumber: "Dose number",
    doseAmount: "Dose amount",
    doseUnit: "Unit",
    site: "Site",
    route: "Route",
    given: "Date given",
    givenTime: "Time given",
    consent: "The patient (or someone able to consent for them) consented to this vaccination",
  },
  errors: {
    typeMissing: "Select the vaccine given",
    typeNotRecordable: (type: string) => `This service cannot record ${type} vaccinations. Record it in your clinical system instead.`,
    productMissing: "Select the product given",
    productNotOfType: (type: string) => `Select a ${type} product: the product chosen is not one`,
    productsUnavailable: "The product list could not be loaded from the NHS Terminology Server, so the product cannot be checked. Try again in a few minutes.",
    batchMissing: "Enter the batch number",
    batchLong: "Batch number must be 100 characters or fewer",
    batchCharacters: "Batch number must only include letters, numbers, spaces, hyphens, full stops and slashes",
    expiryMissing: "Enter the batch expiry date",
    expiredBatch: "The batch had expired on the date given: check the batch and its expiry date",
    doseNumberMissing: "Enter the dose number",
    doseNumberRange: "Dose number must be a whole number from 1 to 9",
    doseAmountMissing: "Enter the dose amount",
    doseAmountFormat: "Dose amount must be a number greater than 0 with up to 3 decimal places, for example 0.5",
    doseAmountRange: "Dose amount must be 10 or less",
    doseUnitMissing: "Select the unit of the dose",
    siteMissing: "Select the site",
    siteUnknown: "Select a site from the list",
    routeMissing: "Select the route",
    routeUnknown: "Select a route from the list",
    listUnavailable: "The list could not be loaded from the NHS Terminology Server. Try again in a few minutes.",
    givenMissing: "Enter the date given",
    timeMissing: "Enter the time given",
    timeFormat: "Enter the time given as hours and minutes in 24-hour time, for example 14:30",
    givenInFuture: "The date and time given must be in the past",
    givenBeforeBirth: "The date given must be on or after the patient's date of birth",
    givenAfterDeath: "The date given must be on or before the patient's date of death",
    consentMissing: "Confirm that the patient consented to this vaccination",
  },
  /** Diagnostics from the Immunisation service, with the elements it names said as the form says them. */
  refusedBecause: (diagnostics: string) => {
    const named = [...new Set(ELEMENT_LABELS.filter(([pattern]) => pattern.test(diagnostics)).map(([, label]) => label))];
    return named.length
      ? `The national immunisation record did not accept this vaccination. Check the ${named.join(", ")}. (The service said: ${diagnostics})`
      : `The national immunisation record did not accept this vaccination. (The service said: ${diagnostics || "no reason given"})`;
  },
  forbidden: (type: string) =>
    `This service is not permitted to record ${type} vaccinations in the national immunisation record. Record it in your clinical system instead.`,
  notKnownYet:
    "We do not know yet whether the vaccination was recorded. The national immunisation record did not answer in time. Check status before doing anything else: do not record it again.",
  alreadyRecorded: "This vaccination was already in the national immunisation record. What it holds is shown below.",
  versionConflict: "This record has been changed since you opened it. Nothing has been changed. Check the newer version before changing it again.",
  goneAway: "This record is not in the national immunisation record any more: it may have been marked as entered in error.",
  patientDeceased: "This patient is recorded as having died. A vaccination cannot be recorded for them.",
  patientUnavailable: "The patient's details could not be confirmed with PDS, so nothing was sent. Try again.",
  recordedHere: "Recorded in this service",
};
