import { describe, expect, it } from "vitest";
import { validateReferralReason, validateServiceSearch } from "./refer-forms";

const search = (searchBy: string, searchText: string, serviceType = "") => validateServiceSearch({ searchBy, searchText, serviceType });

describe("Service Search form", () => {
  it("accepts a name, an ODS code (upper-cased) and a postcode or its start, with a type", () => {
    expect(search("name", "  Leeds   City ", "UCS")).toEqual({ kind: "valid", query: { field: "name", text: "Leeds City", type: "UCS" } });
    expect(search("ods", "rx8uc")).toEqual({ kind: "valid", query: { field: "ods", text: "RX8UC", type: null } });
    for (const postcode of ["LS1", "ls1 3ex", "DN15 7", "DN157BH", "L"]) expect(search("postcode", postcode).kind, postcode).toBe("valid");
  });

  it("an unknown search field or type falls back to name and any type, rather than reaching Service Search", () => {
    expect(search("OrganisationName') or true", "Leeds", "XYZ")).toEqual({ kind: "valid", query: { field: "name", text: "Leeds", type: null } });
  });

  it.each([
    ["name", "", "Enter a service name, ODS code or postcode"],
    ["name", "Leeds (City) <b>", "Search using letters, numbers and spaces only"],
    ["name", "a".repeat(61), "Search text must be 60 characters or fewer"],
    ["ods", "RX", "Enter an ODS code of 3 to 10 letters and numbers"],
    ["ods", "RX8-UC", "Enter an ODS code of 3 to 10 letters and numbers"],
    ["postcode", "12345", "Enter a postcode or the start of one"],
    ["postcode", "LS1 3EXX", "Enter a postcode or the start of one"],
  ])("refuses %s %j with a message on the search field", (field, text, message) => {
    const result = search(field, text);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.errors).toEqual([{ fieldId: "searchText", message: expect.stringContaining(message) }]);
  });
});

describe("reason for referral", () => {
  it("is required, trimmed, and at most 1000 characters", () => {
    expect(validateReferralReason("  Cut to hand\r\nneeds closure  ")).toEqual({ kind: "valid", reason: "Cut to hand\nneeds closure" });
    expect(validateReferralReason("   ").kind).toBe("invalid");
    expect(validateReferralReason("x".repeat(1000)).kind).toBe("valid");
    expect(validateReferralReason("x".repeat(1001))).toEqual({
      kind: "invalid",
      errors: [{ fieldId: "reason", message: "Reason for referral must be 1000 characters or fewer" }],
    });
  });
});
