import { randomUUID } from "node:crypto";
import type { VaccinationRecordInput } from "./resource";

/** A flu vaccination as the form checks it (Supemtek, intramuscular, left upper arm): the one source of the tests' flu. */
export const FLU_GIVEN: Pick<VaccinationRecordInput, "vaccineType" | "product" | "batch" | "expiry" | "doseNumber" | "dose" | "site" | "route"> = {
  vaccineType: "FLU",
  product: { code: "39566211000001103", display: "Supemtek Quadrivalent vaccine (recombinant) solution for injection 0.5ml pre-filled syringes (Sanofi)" },
  batch: "SUP-2611A",
  expiry: "2027-03-31",
  doseNumber: 1,
  dose: { value: 0.5, unit: "ml" },
  site: { code: "368208006", display: "Left upper arm structure" },
  route: { code: "78421000", display: "Intramuscular route" },
};

/** That flu vaccination recorded at Y12345 for Bill GARTON, as the app records one, with a new identifier each time. */
export function fluRecordInput(change: Partial<VaccinationRecordInput> = {}): VaccinationRecordInput {
  return {
    identifier: { system: "http://localhost:3000/identifiers/vaccination/Y12345", value: randomUUID() },
    ...FLU_GIVEN,
    occurredAt: "2026-11-20T09:30:00+00:00",
    recordedAt: "2026-11-20T09:35:00+00:00",
    organisation: { odsCode: "Y12345", name: "Trevelyan Square Surgery" },
    performer: { sdsUserId: "656005750104", family: "RAMAN", given: ["Priya"] },
    patient: { nhsNumber: "9693632109", family: "GARTON", given: ["Bill"], gender: "male", birthDate: "1955-11-05", postalCode: "DN15 7AB" },
    ...change,
  };
}
