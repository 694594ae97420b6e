import { describe, expect, it } from "vitest";
import { toPatientRecord } from "@/lib/nhs/pds/client";
import type { PdsPatient } from "@/lib/nhs/pds/schema";
import { contactPatches, contactValuesOf, validateContactForm, type ContactValues } from "./contact-update";

const today = "2026-11-21";
const pds: PdsPatient = {
  resourceType: "Patient",
  id: "9000000009",
  meta: { versionId: "2" },
  telecom: [
    { id: "TEL-1", system: "phone", value: "01632960587", use: "home" },
    { id: "TEL-2", system: "email", value: "jane.smith@example.com", use: "home" },
  ],
  address: [
    { id: "ADDR-1", use: "home", line: ["1 Trevelyan Square", "Leeds"], postalCode: "LS1 6AE" },
    { id: "ADDR-2", use: "temp", line: ["Halls", "Leeds"], postalCode: "LS2 9JT", period: { start: "2026-01-01", end: "2027-06-30" } },
  ],
};
const record = toPatientRecord(pds, today);
const unchanged = (): ContactValues => contactValuesOf(record);

describe("contact details form", () => {
  it("shows the record's current values", () => {
    expect(unchanged()).toMatchObject({
      homePhone: "01632960587",
      mobilePhone: "",
      email: "jane.smith@example.com",
      tempLine1: "Halls",
      tempTown: "Leeds",
      tempPostcode: "LS2 9JT",
      tempUntil: "2027-06-30",
    });
  });

  it.each([
    [{ homePhone: "12345" }, "homePhone", "Enter a UK phone number, like 01632 960587 or 07700 900123"],
    [{ email: "not-an-email" }, "email", "Enter an email address in the correct format, like name@example.com"],
    [{ tempLine1: "Flat 2" }, "tempTown", "Enter address line 1, town or city and postcode for the temporary address, or leave them all blank"],
    [{ tempLine1: "Flat 2", tempTown: "Leeds", tempPostcode: "nowhere" }, "tempPostcode", "Enter a real postcode, for example LS1 6AE"],
    [
      {
        tempLine1: "Flat 2",
        tempTown: "Leeds",
        tempPostcode: "LS2 9JT",
        "tempFrom-day": "5",
        "tempFrom-month": "1",
        "tempFrom-year": "2027",
        "tempUntil-day": "1",
        "tempUntil-month": "1",
        "tempUntil-year": "2027",
      },
      "tempUntil-day",
      "The temporary address must end after it starts",
    ],
  ])("refuses %j", (form, fieldId, message) => {
    const result = validateContactForm(form as Record<string, string>);
    expect(result.kind === "invalid" && result.errors).toContainEqual({ fieldId, message });
  });

  it("tidies phone numbers and email addresses", () => {
    const result = validateContactForm({ mobilePhone: "07700 900-123", email: " Jane@Example.com " });
    expect(result.kind === "valid" && [result.values.mobilePhone, result.values.email]).toEqual(["07700900123", "jane@example.com"]);
  });
});

describe("contact details patch", () => {
  it("is nothing when nothing changed", () => {
    expect(contactPatches(record, unchanged())).toBeNull();
  });

  it("replaces a changed phone after testing its id, and appends a new mobile", () => {
    const result = contactPatches(record, { ...unchanged(), homePhone: "01632960999", mobilePhone: "07700900123" });
    expect(result).toEqual({
      patches: [
        { op: "test", path: "/telecom/0/id", value: "TEL-1" },
        { op: "replace", path: "/telecom/0/value", value: "01632960999" },
        { op: "add", path: "/telecom/-", value: { system: "phone", use: "mobile", value: "07700900123" } },
      ],
    });
  });

  it("removes from the end first, each removal straight after its test", () => {
    const result = contactPatches(record, { ...unchanged(), homePhone: "", email: "" });
    expect(result).toEqual({
      patches: [
        { op: "test", path: "/telecom/1/id", value: "TEL-2" },
        { op: "remove", path: "/telecom/1" },
        { op: "test", path: "/telecom/0/id", value: "TEL-1" },
        { op: "remove", path: "/telecom/0" },
      ],
    });
  });

  it("replaces, removes or adds the temporary address", () => {
    const moved = contactPatches(record, {
      ...unchanged(),
      tempLine1: "Flat 3",
      tempLine2: "",
      tempTown: "York",
      tempPostcode: "YO1 7HH",
      tempFrom: "2026-11-21",
      tempUntil: "",
    });
    expect(moved).toEqual({
      patches: [
        { op: "test", path: "/address/1/id", value: "ADDR-2" },
        {
          op: "replace",
          path: "/address/1",
          value: { id: "ADDR-2", use: "temp", line: ["Flat 3", "York"], postalCode: "YO1 7HH", period: { start: "2026-11-21" } },
        },
      ],
    });
    const none = { ...unchanged(), tempLine1: "", tempLine2: "", tempTown: "", tempPostcode: "", tempFrom: "", tempUntil: "" };
    expect(contactPatches(record, none)).toEqual({
      patches: [
        { op: "test", path: "/address/1/id", value: "ADDR-2" },
        { op: "remove", path: "/address/1" },
      ],
    });
    const withoutTemporary = toPatientRecord({ ...pds, address: [pds.address![0]] }, today);
    expect(
      contactPatches(withoutTemporary, {
        ...contactValuesOf(withoutTemporary),
        tempLine1: "Flat 3",
        tempTown: "York",
        tempPostcode: "YO1 7HH",
        tempFrom: "2026-11-21",
      }),
    ).toEqual({
      patches: [{ op: "add", path: "/address/-", value: { use: "temp", line: ["Flat 3", "York"], postalCode: "YO1 7HH", period: { start: "2026-11-21" } } }],
    });
  });

  it("refuses to change an item PDS gave no id for", () => {
    const noIds = toPatientRecord({ ...pds, telecom: [{ system: "phone", value: "01632960587", use: "home" }] }, today);
    expect(contactPatches(noIds, { ...contactValuesOf(noIds), homePhone: "01632960999" })).toEqual({ problem: "no-id" });
  });
});
