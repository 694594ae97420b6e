import type { NhsWebsitePageKind } from "./client";

/**
 * Which NHS.UK pages tell a patient about a referral. NHS.UK has no page per e-RS specialty, and choosing a condition
 * page for a specialty is a clinical content decision: a cardiology referral may be for chest pain, heart failure or
 * palpitations, and a condition page picked from the specialty's name would tell many patients about a condition they
 * are not being seen for (hazard H51's kind, recorded as H55). So (decision of 2026-11-29, hazard H55):
 *
 * 1. Every referral shows one generic page from NHS.UK's NHS services hub about what happens after a referral to a
 *    specialist: REFERRAL_PAGE. Its name is the one the NHS sandbox's own "GPs" hub page links to under "Related
 *    services" (website-content/sandbox/responses/nhs-services-gps-no-params.json); the API serves NHS services pages
 *    at their www.nhs.uk path [unverified against the live API: check at onboarding with the integration environment,
 *    as for the medicine names in medicine-pages.ts].
 * 2. A specialty that is in effect one test or treatment with its own NHS.UK page also shows that page:
 *    SPECIALTY_PAGES, keyed by e-RS specialty code (CodeSystem/SPECIALTY, as ReferralRequest.specialty carries it).
 *    The list is deliberately short; a specialty not in it shows the generic page only and says that NHS.UK has no page
 *    for it, never a guessed condition page. NHS.UK's tests-and-treatments pages are served by the API under
 *    /conditions/ (the NHS sandbox's tests-and-treatments A to Z links Angiography and Endoscopy there).
 *
 * The e-RS codes below are e-RS's specialty names as this service's authors know them and the page names NHS.UK's as
 * they know them [unverified: check each code against e-RS's A004 reference data (CodeSystem/SPECIALTY) and each page
 * against the integration environment at onboarding]. An unverified code that e-RS does not use only means the
 * specialty page is never shown; a page name the API does not have shows "no page". To add one: the specialty must
 * name a single test or treatment (not an organ, body system or group of conditions), the page must describe that test
 * or treatment as the patient will have it, and the addition is reviewed as content is.
 */
export const REFERRAL_PAGE: { kind: NhsWebsitePageKind; slug: string } = { kind: "hospitals", slug: "referrals-for-specialist-care" };

export interface SpecialtyPage {
  kind: NhsWebsitePageKind;
  slug: string;
  /** Why this specialty is one test or treatment that this page describes. */
  reason: string;
}

export const SPECIALTY_PAGES: Readonly<Record<string, SpecialtyPage>> = {
  PHYSIOTHERAPY: {
    kind: "conditions",
    slug: "physiotherapy",
    reason: "The specialty is the treatment itself: a physiotherapy service assesses and treats, and NHS.UK's page describes exactly that.",
  },
  AUDIOLOGY: {
    kind: "conditions",
    slug: "hearing-tests",
    reason: "An audiology referral is first a hearing assessment, which NHS.UK's hearing tests page describes, for adults and children.",
  },
  DIAGNOSTIC_ENDOSCOPY: {
    kind: "conditions",
    slug: "endoscopy",
    reason: "A diagnostic endoscopy service does one test, an endoscopy; NHS.UK's page covers its kinds and how to prepare.",
  },
};

/** The NHS.UK page about a specialty's one test or treatment, or null: most specialties have none (see above). */
export function specialtyPageFor(specialtyCode: string | null): SpecialtyPage | null {
  if (!specialtyCode) return null;
  return Object.hasOwn(SPECIALTY_PAGES, specialtyCode) ? SPECIALTY_PAGES[specialtyCode]! : null;
}
