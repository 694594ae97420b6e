import { describe, expect, it } from "vitest";
import * as content from "@/lib/content/scr";
import { privacyAlertReason, validateAccessBasis } from "./scr-access";

describe("SCR basis of access", () => {
  it("needs a basis", () => {
    expect(validateAccessBasis({})).toEqual({ kind: "invalid", errors: [{ fieldId: "basis-1", message: "Select why you are accessing this record" }] });
  });

  it("accepts permission and an existing relationship with no reason", () => {
    expect(validateAccessBasis({ basis: "patient-permission", details: "ignored" })).toEqual({ kind: "valid", basis: "patient-permission", reason: null });
    expect(validateAccessBasis({ basis: "legitimate-relationship" })).toEqual({ kind: "valid", basis: "legitimate-relationship", reason: null });
  });

  it("keeps the details of a claimed relationship", () => {
    expect(validateAccessBasis({ basis: "self-claimed-relationship", details: "Covering for the patient's usual GP" })).toEqual({
      kind: "valid",
      basis: "self-claimed-relationship",
      reason: "Covering for the patient's usual GP",
    });
  });

  it("insists on a reason for emergency access, and details for an other reason", () => {
    expect(validateAccessBasis({ basis: "emergency-access" })).toMatchObject({ kind: "invalid", errors: [{ fieldId: "reason-1" }] });
    expect(validateAccessBasis({ basis: "emergency-access", reason: "Other reason (give details)" })).toMatchObject({
      kind: "invalid",
      errors: [{ fieldId: "details" }],
    });
    expect(validateAccessBasis({ basis: "emergency-access", reason: "Patient is unconscious or unable to give permission" })).toEqual({
      kind: "valid",
      basis: "emergency-access",
      reason: "Patient is unconscious or unable to give permission",
    });
    expect(validateAccessBasis({ basis: "emergency-access", reason: "Made up" })).toMatchObject({ kind: "invalid" });
  });
});

describe("the reason SCR's alert gives", () => {
  it("is self-claimed access for a claimed relationship, and for emergency access follows the reason chosen", () => {
    const [unconscious, emergency, publicInterest, other] = content.scr.basis.reasons;
    expect(privacyAlertReason("self-claimed-relationship", "Covering for the patient's usual GP")).toBe("4");
    expect(privacyAlertReason("emergency-access", unconscious)).toBe("5");
    expect(privacyAlertReason("emergency-access", emergency)).toBe("5");
    expect(privacyAlertReason("emergency-access", publicInterest)).toBe("1");
    expect(privacyAlertReason("emergency-access", `${other}: the patient's carer asked`)).toBe("6");
  });
});
