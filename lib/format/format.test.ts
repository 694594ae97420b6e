import { describe, expect, it } from "vitest";
import {
  formatCis2RoleName,
  formatUbrn,
  formatFhirDate,
  formatFhirDateTime,
  formatDateTimeWithTime,
  formatGender,
  formatNhsNumber,
  formatPatientName,
  isValidNhsNumber,
  parseNhsNumberInput,
} from ".";

describe("NHS number validation", () => {
  it.each(["9000000009", "9434765919", "9000000025", "9000000033", "9111231130", "9693632109"])("accepts %s, whose check digit is right", (value) =>
    expect(isValidNhsNumber(value)).toBe(true),
  );

  it.each([
    ["9000000000", "wrong check digit"],
    ["9434765918", "one off the right check digit"],
    ["123456789", "nine digits"],
    ["90000000099", "eleven digits"],
    ["900000000a", "a letter"],
  ])("rejects %s (%s)", (value) => expect(isValidNhsNumber(value)).toBe(false));

  it("rejects every number whose check digit would have to be 10", () => {
    // 000000300 weighs 3 × 4 = 12; 11 - (12 % 11) = 10, which no single digit can carry
    for (let last = 0; last <= 9; last += 1) {
      expect(isValidNhsNumber(`000000300${last}`)).toBe(false);
    }
  });
});

describe("NHS number input", () => {
  it.each([
    ["900 000 0009", "9000000009"],
    ["900-000-0009", "9000000009"],
    ["  9000000009  ", "9000000009"],
    ["900 - 000 - 0009", "9000000009"],
  ])("reads %j as %s", (raw, expected) => {
    expect(parseNhsNumberInput(raw)).toEqual({ kind: "valid", nhsNumber: expected });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["90000000", "wrong-length"],
    ["900 000 00099", "wrong-length"],
    ["9000000000", "check-digit"],
    ["<script>alert(1)</script>", "too-long"],
    ["<b>900</b>", "invalid-characters"],
    ["QQ123456C", "invalid-characters"],
    ["9".repeat(200), "too-long"],
  ])("refuses %j as %s", (raw, problem) => {
    expect(parseNhsNumberInput(raw)).toEqual({ kind: "invalid", problem });
  });
});

describe("formatting", () => {
  it("groups an NHS number 3-3-4", () => {
    expect(formatNhsNumber("9434765919")).toBe("943 476 5919");
    expect(formatNhsNumber("9000000009")).toBe("900 000 0009");
  });

  it("shows FHIR dates in full without shifting the day", () => {
    expect(formatFhirDate("2010-10-22")).toBe("22 October 2010");
    expect(formatFhirDate("2010-01-01")).toBe("1 January 2010");
    expect(formatFhirDate("2010-10")).toBe("October 2010");
    expect(formatFhirDate("1926")).toBe("1926");
    expect(formatFhirDate("2010-13-01")).toBeNull();
    expect(formatFhirDate(undefined)).toBeNull();
    expect(formatFhirDate("not a date")).toBeNull();
  });

  it("shows instants as the UK calendar date, including across the summer-time boundary", () => {
    expect(formatFhirDateTime("2010-10-22T00:00:00+00:00")).toBe("22 October 2010");
    // 23:30 UTC on 21 June is 00:30 on 22 June in London (BST)
    expect(formatFhirDateTime("2020-06-21T23:30:00Z")).toBe("22 June 2020");
    // in winter London is on UTC
    expect(formatFhirDateTime("2020-12-21T23:30:00Z")).toBe("21 December 2020");
    expect(formatDateTimeWithTime("2020-06-21T13:05:00Z")).toBe("21 June 2020 at 14:05");
  });

  it("writes names family first in capitals", () => {
    expect(formatPatientName({ family: "Smith", given: ["Jane"] })).toBe("SMITH, Jane");
    expect(formatPatientName({ family: "Smith", given: ["John", "Paul"], prefix: ["Mr"] })).toBe("SMITH, John Paul");
    expect(formatPatientName({ family: "O'Neill" })).toBe("O'NEILL");
    expect(formatPatientName({ given: ["Jane"] })).toBe("Jane");
    expect(formatPatientName({})).toBeNull();
    expect(formatPatientName(undefined)).toBeNull();
  });

  it("labels genders and CIS2 role names plainly", () => {
    expect(formatGender("female")).toBe("Female");
    expect(formatGender("unknown")).toBe("Not known");
    expect(formatGender(undefined)).toBeNull();
    expect(formatCis2RoleName('"Clinical":"Clinical Provision":"Nurse Access Role"')).toBe("Nurse Access Role");
    expect(formatCis2RoleName("Pharmacist")).toBe("Pharmacist");
  });
});

describe("age", () => {
  it("counts days, then months, then years, as clinicians do", async () => {
    const { formatAge } = await import(".");
    expect(formatAge("2026-11-10", "2026-11-21T09:00:00Z")).toBe("11 days");
    expect(formatAge("2026-11-20", "2026-11-21T09:00:00Z")).toBe("1 day");
    expect(formatAge("2026-01-21", "2026-11-21T09:00:00Z")).toBe("10 months");
    expect(formatAge("2024-11-22", "2026-11-21T09:00:00Z")).toBe("23 months");
    expect(formatAge("2024-11-21", "2026-11-21T09:00:00Z")).toBe("2 years");
    expect(formatAge("1955-11-05", "2026-11-21T09:00:00Z")).toBe("71 years");
    expect(formatAge("1955-11-22", "2026-11-21T09:00:00Z")).toBe("70 years");
    expect(formatAge("2010-10-22", "2010-10-22T00:00:00+00:00")).toBe("0 days");
    expect(formatAge(null)).toBeNull();
    expect(formatAge("2030-01-01", "2026-11-21T09:00:00Z")).toBeNull();
  });
});

describe("formatUbrn", () => {
  it("groups a UBRN in fours, as e-RS letters print it, and leaves anything else as it is", () => {
    expect(formatUbrn("000000070001")).toBe("0000 0007 0001");
    expect(formatUbrn("1234")).toBe("1234");
  });
});
