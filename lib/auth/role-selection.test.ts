import { describe, expect, it } from "vitest";
import { validateForm } from "@/lib/forms";
import type { Cis2Role } from "./cis2-role";
import { roleSelectionSchema } from "./role-selection";

const role = (personRoleId: string, activityCodes: string[]): Cis2Role => ({
  personRoleId,
  roleCode: "R8000",
  roleName: "Clinical Practitioner",
  orgCode: "Y12345",
  orgName: null,
  orgId: null,
  activityCodes,
});
const roles = [role("555254242102", ["B0264"]), role("555254242103", [])];
const choose = (roleId: unknown) => validateForm(roleSelectionSchema(roles), { roleId });

describe("role selection", () => {
  it("gives the chosen role when it is one of the user's usable roles", () => {
    expect(choose("555254242102")).toStrictEqual({ kind: "valid", value: { roleId: roles[0] } });
  });

  it.each([undefined, null, "", new File(["x"], "x.pdf")])("asks for a choice when given %j, on the first radio", (roleId) => {
    expect(choose(roleId)).toStrictEqual({ kind: "invalid", errors: [{ fieldId: "role-1", message: "Select the role you are working in" }] });
  });

  it.each(["555254242103", "someone else's", " 555254242102"])("refuses %j, which is not one of the user's usable roles", (roleId) => {
    expect(choose(roleId)).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "role-1", message: "That role is not one of yours. Select one of the roles listed." }],
    });
  });
});
