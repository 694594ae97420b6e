import { describe, expect, it } from "vitest";
import { auditCsv, validateAuditFilter } from "./filter-form";

describe("audit filters", () => {
  it("turns the form into a filter", () => {
    expect(
      validateAuditFilter({
        nhsNumber: "900 000 0009",
        userId: "656005750104",
        action: "scr-view",
        "from-day": "1",
        "from-month": "11",
        "from-year": "2026",
        "to-day": "21",
        "to-month": "11",
        "to-year": "2026",
      }),
    ).toEqual({
      kind: "valid",
      filter: {
        limit: 500,
        patientNhsNumber: "9000000009",
        userId: "656005750104",
        action: "scr-view",
        from: "2026-11-01T00:00:00.000Z",
        to: "2026-11-21T23:59:59.999Z",
      },
    });
  });

  it("refuses a bad NHS number, user ID or date order", () => {
    const result = validateAuditFilter({
      nhsNumber: "9000000000",
      userId: "drop table",
      "from-day": "2",
      "from-month": "1",
      "from-year": "2026",
      "to-day": "1",
      "to-month": "1",
      "to-year": "2026",
    });
    expect(result.kind === "invalid" && result.errors.map((error) => error.fieldId)).toEqual(["nhsNumber", "userId", "from-day"]);
  });
});

describe("audit CSV", () => {
  it("quotes every cell and defuses formulas", () => {
    const csv = auditCsv([
      {
        id: 1,
        occurredAt: "2026-11-21T10:00:00Z",
        userId: "1",
        userName: 'Dr "A" B',
        roleId: "2",
        roleName: '=HYPERLINK("x")',
        orgCode: "Y12345",
        action: "scr-view",
        patientNhsNumber: "9000000009",
        basisOfAccess: null,
        reason: "+1",
        upstreamRequestId: "r",
        outcome: "data-returned",
        hash: "h",
      },
    ]);
    const [header, row] = csv.trimEnd().split("\r\n");
    expect(header).toBe("id,occurredAt,userId,userName,roleId,roleName,orgCode,action,patientNhsNumber,basisOfAccess,reason,upstreamRequestId,outcome,hash");
    expect(row).toContain('"Dr ""A"" B"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain(`"'+1"`);
    expect(row).toContain('""');
  });
});
