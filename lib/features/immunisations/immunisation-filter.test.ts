import { describe, expect, it } from "vitest";
import { readImmunisationFilter } from "./immunisation-filter";

describe("immunisation filter", () => {
  it("reads a vaccine type and a date range from the query string", () => {
    const query = { type: "FLU", "from-day": "1", "from-month": "9", "from-year": "2025", "to-day": "31", "to-month": "3", "to-year": "2026" };
    expect(readImmunisationFilter(query)).toStrictEqual({ filter: { type: "FLU", from: "2025-09-01", to: "2026-03-31" }, errors: [], values: query });
  });

  it("ignores a type it does not know and values that are not single strings", () => {
    expect(readImmunisationFilter({ type: "flu", "from-day": ["1", "2"] })).toStrictEqual({
      filter: { type: undefined, from: undefined, to: undefined },
      errors: [],
      values: { type: "flu" },
    });
  });

  it("refuses a date that is not real, and a range the wrong way round, on the From date's first box", () => {
    expect(readImmunisationFilter({ "from-day": "31", "from-month": "2", "from-year": "2026" }).errors).toStrictEqual([
      { fieldId: "from-day", message: "Given on or after must be a real date" },
    ]);
    expect(readImmunisationFilter({ "to-month": "2", "to-year": "2026" }).errors).toStrictEqual([
      { fieldId: "to-day", message: "Given on or before must include a day" },
    ]);
    const reversed = { "from-day": "2", "from-month": "1", "from-year": "2026", "to-day": "1", "to-month": "1", "to-year": "2026" };
    expect(readImmunisationFilter(reversed).errors).toStrictEqual([{ fieldId: "from-day", message: "Given on or after must be before given on or before" }]);
  });

  it("allows dates in the future, up to 2100", () => {
    expect(readImmunisationFilter({ "to-day": "1", "to-month": "1", "to-year": "2100" }).filter.to).toBe("2100-01-01");
    expect(readImmunisationFilter({ "to-day": "2", "to-month": "1", "to-year": "2100" }).errors).toStrictEqual([
      { fieldId: "to-day", message: "Given on or before must be today or in the past" },
    ]);
  });
});
