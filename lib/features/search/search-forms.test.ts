import { describe, expect, it } from "vitest";
import { validateForm } from "@/lib/forms";
import { nhsNumberSearchSchema, prescriptionIdSearchSchema, validateAdvancedSearch, validateBasicSearch } from "./search-forms";

const today = new Date("2026-11-21T12:00:00Z");
const jane = { family: "Smith", gender: "female", "dob-day": "22", "dob-month": "10", "dob-year": "2010" };

describe("basic search form", () => {
  it("turns a valid form into PDS criteria and a summary", () => {
    const result = validateBasicSearch({ ...jane, given: "Jane", postcode: "ls1 6ae" }, today);
    expect(result).toEqual({
      kind: "valid",
      criteria: { family: "Smith", given: "Jane", gender: "female", birthdate: ["eq2010-10-22"], postcode: "LS1 6AE", maxResults: 10 },
      summary: ["Jane Smith", "Female", "born 22 October 2010", "postcode LS1 6AE"],
    });
  });

  it.each([
    [{}, "family", "Enter the patient's last name"],
    [{ ...jane, family: "Sm*" }, "family", "Wildcards (*) can only be used in advanced search"],
    [{ ...jane, family: "Sm1th" }, "family", "Last name must only include letters a to z, spaces, hyphens and apostrophes"],
    [{ ...jane, family: "<script>" }, "family", "Last name must only include letters a to z, spaces, hyphens and apostrophes"],
    [{ family: "Smith" }, "dob-day", "Enter the date of birth"],
    [{ ...jane, "dob-month": "" }, "dob-month", "Date of birth must include a month"],
    [{ ...jane, "dob-day": "31", "dob-month": "2" }, "dob-day", "Date of birth must be a real date"],
    [{ ...jane, "dob-year": "2027" }, "dob-day", "Date of birth must be today or in the past"],
    [{ ...jane, postcode: "not a postcode" }, "postcode", "Enter a real postcode, for example LS1 6AE"],
  ])("refuses %j: %s %s", (form, fieldId, message) => {
    const result = validateBasicSearch(form as Record<string, string>, today);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.errors).toContainEqual({ fieldId, message });
  });

  it("reports every problem at once, in the order of the fields", () => {
    const result = validateBasicSearch({ family: "", postcode: "x" }, today);
    expect(result.kind === "invalid" && result.errors.map((error) => error.fieldId)).toEqual(["family", "dob-day", "postcode"]);
  });
});

describe("advanced search form", () => {
  it("accepts wildcards after two letters, a date range and the search options", () => {
    const result = validateAdvancedSearch(
      {
        family: "Sm*",
        "dobFrom-day": "21",
        "dobFrom-month": "10",
        "dobFrom-year": "2010",
        "dobTo-day": "23",
        "dobTo-month": "10",
        "dobTo-year": "2010",
        postcode: "DN17*",
        gp: "a20047",
        history: "on",
      },
      today,
    );
    expect(result.kind === "valid" && result.criteria).toMatchObject({
      family: "Sm*",
      birthdate: ["ge2010-10-21", "le2010-10-23"],
      postcode: "DN17*",
      gpOdsCode: "A20047",
      history: true,
      fuzzy: false,
    });
  });

  it.each([
    [{ ...jane, family: "S*" }, "family", "A wildcard (*) must come after at least 2 letters"],
    [{ ...jane, family: "Sm*", fuzzy: "on" }, "fuzzy", "Similar names cannot be combined with wildcards"],
    [{ ...jane, fuzzy: "on", exact: "on" }, "fuzzy", "Similar names cannot be combined with an exact match"],
    [{ ...jane, gp: "Y1" }, "gp", "Enter a GP practice ODS code of 3 to 6 letters and numbers, for example Y12345"],
    [
      { family: "Smith", "dobFrom-day": "1", "dobFrom-month": "1", "dobFrom-year": "2011", "dobTo-day": "1", "dobTo-month": "1", "dobTo-year": "2010" },
      "dobFrom-day",
      "The start of the date of birth range must be before the end",
    ],
    [{ family: "Smith", "dobTo-day": "1", "dobTo-month": "1", "dobTo-year": "2010" }, "dobFrom-day", "Enter the earliest date of birth"],
    [{ ...jane, "dobTo-day": "1", "dobTo-month": "1", "dobTo-year": "2010" }, "dob-day", "Enter an exact date of birth or a date of birth range, not both"],
    [{ family: "Smith" }, "dob-day", "Enter the date of birth"],
  ])("refuses %j: %s %s", (form, fieldId, message) => {
    const result = validateAdvancedSearch(form as Record<string, string>, today);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.errors).toContainEqual({ fieldId, message });
  });
});

describe("NHS number and prescription ID searches", () => {
  it("give the NHS number's 10 digits, or the problem on the nhs-number field", () => {
    expect(validateForm(nhsNumberSearchSchema, { nhsNumber: " 943 476 5919 " })).toStrictEqual({ kind: "valid", value: { nhsNumber: "9434765919" } });
    expect(validateForm(nhsNumberSearchSchema, { nhsNumber: "" })).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "nhs-number", message: "Enter the patient's NHS number" }],
    });
    expect(validateForm(nhsNumberSearchSchema, { nhsNumber: "9434765918" })).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "nhs-number", message: "Enter a valid NHS number. Check you have entered it correctly" }],
    });
  });

  it("give the problem with a prescription ID on the prescription-id field", () => {
    expect(validateForm(prescriptionIdSearchSchema, { prescriptionId: "" })).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "prescription-id", message: "Enter a prescription ID" }],
    });
    expect(validateForm(prescriptionIdSearchSchema, { prescriptionId: "not an id" })).toMatchObject({
      kind: "invalid",
      errors: [{ fieldId: "prescription-id" }],
    });
  });
});
