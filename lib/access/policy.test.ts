import { describe, expect, it } from "vitest";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { admit } from "@/lib/auth/admission";
import type { Cis2Identity } from "@/lib/auth/cis2-claims";
import { NATIONAL_RBAC_ONLY, type LocalPolicy } from "./local-policy";
import { canUse, isUsableRole } from "./policy";

const role = (activityCodes: string[], jobRole = "R8000", orgCode = "Y12345", personRoleId = "555254240100"): Cis2Role => ({
  personRoleId,
  roleCode: `S8000:G8000:${jobRole}`,
  roleName: "Clinical Practitioner Access Role",
  orgCode,
  orgName: "Test practice",
  orgId: null,
  activityCodes,
});

const national = NATIONAL_RBAC_ONLY;

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
    expect(isUsableRole(role(["B0570"]), national)).toBe(true);
    expect(isUsableRole(role(["B1510", "B0090"]), national)).toBe(false);
    expect(isUsableRole(role([]), national)).toBe(false);
  });
});

describe("the access audit (issue 18 item 1)", () => {
  it("is for Privacy Officers (R0001) and Caldicott Guardians (R5105) at smartcard assurance, whatever their activities", () => {
    expect(canUse("review-audit", role([], "R0001"), 3, national)).toBe(true);
    expect(canUse("review-audit", role([], "R5105"), 3, national)).toBe(true);
    expect(canUse("review-audit", role([], "R0001"), 2, national)).toBe(false);
    expect(isUsableRole(role([], "R0001"), national)).toBe(true);
  });

  it("is not for other roles, even with the code the service once invented for it", () => {
    expect(canUse("review-audit", role(["B0264", "B0401", "B1612"]), 3, national)).toBe(false);
    expect(canUse("review-audit", role([], "R8013"), 3, national)).toBe(false);
    expect(isUsableRole(role(["B1612"], "R8013"), national)).toBe(false);
  });

  it("is for the role profiles the organisation names, and only those", () => {
    const local: LocalPolicy = { ...national, auditReviewerRoleIds: ["555254249999"] };
    expect(canUse("review-audit", role([], "R8013", "Y12345", "555254249999"), 3, local)).toBe(true);
    expect(canUse("review-audit", role([], "R8013", "Y12345", "555254240100"), 3, local)).toBe(false);
    expect(canUse("review-audit", role([], "R8013", "Y12345", "555254249999"), 2, local)).toBe(false);
  });
});

describe("organisations allowed to sign in (ALLOWED_ORG_CODES)", () => {
  const identity = (roles: Cis2Role[]) => ({ authenticationLevel: 3, roles }) as unknown as Cis2Identity;
  const onlyY12345: LocalPolicy = { ...national, allowedOrgCodes: ["Y12345"] };

  it("offers no role at another organisation, however much it carries", () => {
    expect(isUsableRole(role(["B0264", "B0401"], "R8000", "Y23456"), onlyY12345)).toBe(false);
    expect(isUsableRole(role(["B0264", "B0401"], "R8000", "Y12345"), onlyY12345)).toBe(true);
  });

  it("refuses sign-in to someone with no role at an allowed organisation, and says why", () => {
    expect(admit(identity([role(["B0264"], "R8000", "Y23456")]), onlyY12345)).toEqual({ admitted: false, reason: "organisation-not-allowed" });
    expect(admit(identity([role(["B0264"], "R8000", "Y23456"), role(["B0264"], "R8000", "Y12345")]), onlyY12345)).toEqual({ admitted: true });
    expect(admit(identity([role(["B0264"], "R8000", "Y23456")]), national)).toEqual({ admitted: true });
  });
});
