import { describe, expect, it } from "vitest";
import { FLU_VALUES, FORM_CONTEXT, GOOD_FORM } from "./testing-fixtures";
import { londonOffset, validateVaccination, type VaccinationFormContext } from "./vaccination-form";

const errorsOf = (change: Record<string, string>, context: Partial<VaccinationFormContext> = {}) => {
  const result = validateVaccination({ ...GOOD_FORM, ...change }, { ...FORM_CONTEXT, ...context });
  return result.kind === "invalid" ? result.errors : [];
};

describe("the vaccination form (issue 20)", () => {
  it("gives every value checked, the time given with its UK offset", () => {
    expect(validateVaccination(GOOD_FORM, FORM_CONTEXT)).toEqual({ kind: "valid", values: FLU_VALUES });
    expect(londonOffset("2026-07-01", "10:00")).toBe("+01:00");
    expect(londonOffset("2026-12-01", "10:00")).toBe("+00:00");
  });

  it("an empty form names every field, in the page's order, each linked to its field", () => {
    const result = validateVaccination({}, FORM_CONTEXT);
    expect(result.kind === "invalid" && result.errors.map((error) => error.fieldId)).toEqual([
      "vaccineType",
      "product",
      "batch",
      "expiry-day",
      "doseNumber",
      "doseAmount",
      "doseUnit",
      "site",
      "route",
      "given-day",
      "givenTime",
      "consent",
    ]);
  });

  it("refuses a product of another vaccine type, even posted directly, and a type this service does not record", () => {
    expect(errorsOf({ product: "39114911000001105" })).toEqual([{ fieldId: "product", message: "Select a Flu product: the product chosen is not one" }]);
    expect(errorsOf({ vaccineType: "HPV" })[0]).toEqual({ fieldId: "vaccineType", message: expect.stringContaining("cannot record HPV") });
    expect(errorsOf({ vaccineType: "SMALLPOX" })[0]?.fieldId).toBe("vaccineType");
    expect(errorsOf({}, { products: null })).toEqual([{ fieldId: "product", message: expect.stringContaining("Terminology Server") }]);
    expect(errorsOf({ site: "279549004" })).toEqual([{ fieldId: "site", message: "Select a site from the list" }]);
    expect(errorsOf({}, { routes: null })[0]?.fieldId).toBe("route");
  });

  it("refuses an expired batch: one whose expiry is before the day it was given", () => {
    expect(errorsOf({ "expiry-day": "19", "expiry-month": "11", "expiry-year": "2026" })).toEqual([
      { fieldId: "expiry-day", message: "The batch had expired on the date given: check the batch and its expiry date" },
    ]);
    expect(errorsOf({ "expiry-day": "20", "expiry-month": "11", "expiry-year": "2026" })).toEqual([]);
    expect(errorsOf({ "expiry-day": "31", "expiry-month": "2", "expiry-year": "2027" })[0]?.fieldId).toBe("expiry-day");
  });

  it("refuses a time given in the future, before the patient's birth, or after their death", () => {
    expect(errorsOf({ givenTime: "12:01" })).toEqual([{ fieldId: "givenTime", message: "The date and time given must be in the past" }]);
    expect(errorsOf({ givenTime: "11:59" })).toEqual([]);
    expect(errorsOf({ "given-day": "21" })[0]?.fieldId).toBe("given-day");
    expect(errorsOf({ "given-year": "1955", "given-month": "11", "given-day": "4", "expiry-year": "1956" })).toEqual([
      { fieldId: "given-day", message: "The date given must be on or after the patient's date of birth" },
    ]);
    expect(errorsOf({}, { patient: { birthDate: "1955-11-05", deathDate: "2026-11-19" } })).toEqual([
      { fieldId: "given-day", message: "The date given must be on or before the patient's date of death" },
    ]);
    expect(errorsOf({ givenTime: "9.30" })[0]?.fieldId).toBe("givenTime");
    expect(errorsOf({ givenTime: "24:00" })[0]?.fieldId).toBe("givenTime");
  });

  it("keeps the dose number from 1 to 9, the amount a positive number up to 10, and asks for consent", () => {
    for (const doseNumber of ["0", "10", "1.5", "-1", "one"]) expect(errorsOf({ doseNumber })[0]?.fieldId).toBe("doseNumber");
    for (const doseAmount of ["0", "0.0", "11", "1e1", "0.12345", "-0.5", "½"]) expect(errorsOf({ doseAmount })[0]?.fieldId).toBe("doseAmount");
    expect(errorsOf({ doseAmount: ".5" })).toEqual([]);
    expect(errorsOf({ doseUnit: "litres" })[0]?.fieldId).toBe("doseUnit");
    expect(errorsOf({ consent: "" })).toEqual([{ fieldId: "consent", message: "Confirm that the patient consented to this vaccination" }]);
    for (const batch of ["", " ", "A".repeat(101), "<script>", "-lead"]) expect(errorsOf({ batch })[0]?.fieldId).toBe("batch");
  });
});
