/**
 * Which NHS.UK page tells a patient about a medicine, by its dm+d name. The Website Content API cannot be searched
 * by dm+d or SNOMED code, and one medicine can have several pages (paracetamol for adults, for children), so the
 * mapping is curated, not guessed: a medicine absent here is shown as having no NHS.UK page rather than matched on
 * part of its name. The slugs below are NHS.UK's page names as this service's authors know them, and the stand-in
 * serves each; they have not yet been checked against the live A to Z [unverified: check each at onboarding, with
 * the integration environment's /medicines listing].
 *
 * Keys are dm+d VMP names (what EPS and the Summary Care Record carry), compared without case and with runs of
 * spaces as one. To add one: find the page on https://www.nhs.uk/medicines/, check that it is about this product
 * and form (an oral liquid for children is not the adult tablet page), and add the VMP name and the page's slug.
 * Clinical safety: a wrong entry would show a patient another medicine's advice (hazard H51), so each addition is
 * reviewed as content is.
 */
export const MEDICINE_PAGES: Readonly<Record<string, string>> = {
  "amoxicillin 500mg capsules": "amoxicillin",
  "atorvastatin 20mg tablets": "atorvastatin",
  "cetirizine 1mg/ml oral solution sugar free": "cetirizine",
  "chlorphenamine 2mg/5ml oral solution": "chlorphenamine",
  "clarithromycin 500mg tablets": "clarithromycin",
  "ibuprofen 400mg tablets": "ibuprofen-for-adults",
  "metformin 500mg tablets": "metformin",
  "paracetamol 250mg/5ml oral suspension sugar free": "paracetamol-for-children",
  "ramipril 5mg capsules": "ramipril",
  "simvastatin 40mg tablets": "simvastatin",
  // the NHS sandbox's own medicine pages
  "aciclovir 400mg tablets": "aciclovir",
  "acrivastine 8mg capsules": "acrivastine",
  "zopiclone 7.5mg tablets": "zopiclone",
};

/**
 * The NHS.UK vaccination page for each vaccine type the Immunisation API records (its targetDisease groups).
 * A type with no page here shows "no NHS.UK page".
 */
export const VACCINATION_PAGES: Readonly<Record<string, string>> = {
  COVID: "covid-19-vaccine",
  FLU: "flu-vaccine",
  HPV: "hpv-vaccine",
  MMR: "mmr-vaccine",
  PNEUMOCOCCAL: "pneumococcal-vaccine",
  RSV: "rsv-vaccine",
  SHINGLES: "shingles-vaccine",
  MENACWY: "menacwy-vaccine",
};

const normalised = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ");

/** The NHS.UK medicine page for a dm+d name, or null when none has been curated for it. */
export function medicinePageFor(dmdName: string): string | null {
  return MEDICINE_PAGES[normalised(dmdName)] ?? null;
}

/** The NHS.UK vaccination page for a vaccine type, or null. */
export function vaccinationPageFor(vaccineType: string): string | null {
  return VACCINATION_PAGES[vaccineType.toUpperCase()] ?? null;
}
