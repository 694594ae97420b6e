import { describe, expect, it } from "vitest";
import { buildPrescriptionId, isValidPrescriptionId, parsePrescriptionIdInput } from "./prescription-id";

describe("EPS prescription IDs", () => {
  it.each(["622F04-A83008-A691D5", "52A873-A83008-A538E4", "24F5DA-A83008-7EFE6Z", "4599E0-A83008-109C2U", "566946-B86044-FEFEFN"])(
    "accepts the NHS's example %s",
    (id) => expect(isValidPrescriptionId(id)).toBe(true),
  );

  it("rejects a wrong check character and the wrong shape", () => {
    expect(isValidPrescriptionId("622F04-A83008-A691D6")).toBe(false);
    expect(isValidPrescriptionId("622F04A83008A691D5")).toBe(false);
    expect(isValidPrescriptionId("622G04-A83008-A691D5")).toBe(false);
  });

  it("reads what people type: lower case, spaces, missing dashes", () => {
    expect(parsePrescriptionIdInput(" 622f04a83008a691d5 ")).toEqual({ kind: "valid", prescriptionId: "622F04-A83008-A691D5" });
    expect(parsePrescriptionIdInput("")).toEqual({ kind: "invalid", problem: "empty" });
    expect(parsePrescriptionIdInput("622F04-A83008")).toEqual({ kind: "invalid", problem: "wrong-format" });
    expect(parsePrescriptionIdInput("622F04-A83008-A691D6")).toEqual({ kind: "invalid", problem: "check-character" });
  });

  it("builds valid IDs, including ones whose check character is +", () => {
    expect(isValidPrescriptionId(buildPrescriptionId("A1B2C3", "Y12345", "0F0F0"))).toBe(true);
    const withPlus = Array.from({ length: 400 }, (_, index) => buildPrescriptionId("000000", "A20047", index.toString(16).toUpperCase().padStart(5, "0"))).find(
      (id) => id.endsWith("+"),
    );
    expect(withPlus).toBeDefined();
    expect(isValidPrescriptionId(withPlus!)).toBe(true);
    expect(parsePrescriptionIdInput(withPlus!.toLowerCase())).toEqual({ kind: "valid", prescriptionId: withPlus });
  });
});
