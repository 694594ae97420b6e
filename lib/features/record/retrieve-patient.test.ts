import { describe, expect, it, vi } from "vitest";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { ServerSession } from "@/lib/state/session-store";

const record = vi.fn();
vi.mock("@/lib/server/services", () => ({
  services: () => ({
    pds: {
      retrievePatient: async () => ({ kind: "found", patient: { nhsNumber: "9000000009" }, requestId: "r-1", retrievedAt: new Date() }),
    },
    audit: { record },
  }),
}));

const { retrievePatientAudited } = await import("./retrieve-patient");

const session = { id: "s", user: { uid: "656005750104", name: "Priya Raman" } } as ServerSession;
const role = { personRoleId: "656014452101", roleName: "Clinical Practitioner Access Role", orgCode: "Y12345" } as Cis2Role;

describe("audited patient read", () => {
  it("returns the patient only once the audit row is written", async () => {
    record.mockResolvedValueOnce({ id: 1 });
    const outcome = await retrievePatientAudited(session, role, "9000000009", "patient-record-view");
    expect(outcome.kind).toBe("found");
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ action: "patient-record-view", patientNhsNumber: "9000000009", upstreamRequestId: "r-1", outcome: "data-returned" }),
    );
  });

  it("returns nothing when the audit trail cannot be written: the error stops the page", async () => {
    record.mockRejectedValueOnce(new Error("SQLITE_FULL: database or disk is full"));
    await expect(retrievePatientAudited(session, role, "9000000009", "patient-record-view")).rejects.toThrow("SQLITE_FULL");
  });
});
