import { FLU_GIVEN } from "@/lib/nhs/immunisation/testing-fixtures";
import type { VaccinationFormContext, VaccinationValues } from "./vaccination-form";

/** A filled-in vaccination form and what its checks depend on, for the form's tests and its fuzz suite. */

const NOW = new Date("2026-11-20T12:00:00Z");
const FLUENZ = "43208811000001106";
const SUPEMTEK = "39566211000001103";

export const FORM_CONTEXT: VaccinationFormContext = {
  now: NOW,
  recordableTypes: ["FLU", "COVID", "RSV", "MMRV"],
  patient: { birthDate: "1955-11-05", deathDate: null },
  products: new Map([
    [FLUENZ, "Fluenz nasal suspension (AstraZeneca UK Ltd)"],
    [SUPEMTEK, "Supemtek Quadrivalent vaccine (recombinant) solution for injection 0.5ml pre-filled syringes (Sanofi)"],
  ]),
  sites: new Map([["368208006", "Left upper arm structure"]]),
  routes: new Map([["78421000", "Intramuscular route"]]),
};

export const GOOD_FORM: Record<string, string> = {
  vaccineType: "FLU",
  product: SUPEMTEK,
  batch: "SUP-2611A",
  "expiry-day": "31",
  "expiry-month": "3",
  "expiry-year": "2027",
  doseNumber: "1",
  doseAmount: "0.5",
  doseUnit: "ml",
  site: "368208006",
  route: "78421000",
  "given-day": "20",
  "given-month": "11",
  "given-year": "2026",
  givenTime: "09:30",
  consent: "yes",
};

/** A checked flu vaccination, as saved after "Check your answers". */
export const FLU_VALUES: VaccinationValues = { ...FLU_GIVEN, givenAt: "2026-11-20T09:30:00+00:00", consented: true };
