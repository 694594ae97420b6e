import { describe, expect, it } from "vitest";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { canUse, isUsableRole } from "./policy";

const role = (activityCodes: string[]): Cis2Role => ({
  personRoleId: "555254240100",
  roleCode: "S8000:G8000:R8000",
  roleName: "Clinical Practitioner Access Role",
  orgCode: "Y12345",
  orgName: "Test practice",
  orgId: null,
  activityCodes,
});

describe("access policy", () => {
  it("lets a role with patient search find patients at assurance level 2 or 3", () => {
    expect(canUse("find-patient", role(["B0264"]), 2)).toBe(true);
    expect(canUse("find-patient", role(["B0264"]), 3)).toBe(true);
  });

  it("refuses patient search below level 2, without the activity, or with no role", () => {
    expect(canUse("find-patient", role(["B0264"]), 1)).toBe(false);
    expect(canUse("find-patient", role(["B0401"]), 3)).toBe(false);
    expect(canUse("find-patient", null, 3)).toBe(false);
  });

  it("keeps clinical records for assurance level 3", () => {
    expect(canUse("view-prescriptions", role(["B0401"]), 2)).toBe(false);
    expect(canUse("view-prescriptions", role(["B0401"]), 3)).toBe(true);
  });

  it("offers only roles that carry an activity the service uses", () => {
    expect(isUsableRole(role(["B0570"]))).toBe(true);
    expect(isUsableRole(role(["B1510", "B0090"]))).toBe(false);
    expect(isUsableRole(role([]))).toBe(false);
  });
});
