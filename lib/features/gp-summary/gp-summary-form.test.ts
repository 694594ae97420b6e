import { describe, expect, it } from "vitest";
import { validateGpSummary } from "./gp-summary-form";

const filled = {
  reason: "Sore throat",
  findings: "FeverPAIN 4",
  actions: "Phenoxymethylpenicillin 500 mg four times a day, 5 days, supplied",
  advice: "Fluids",
  followUp: "",
};

describe("the GP summary form", () => {
  it("takes a consultation with its three required parts, keeping line breaks", () => {
    const result = validateGpSummary({ ...filled, findings: "Line one\nLine two" });
    expect(result).toMatchObject({ kind: "valid", value: { findings: "Line one\nLine two", followUp: "" } });
  });

  it("names each missing part, too-long part and control character against its field", () => {
    const result = validateGpSummary({ reason: "", findings: "x".repeat(2001), actions: "bell\u0007", advice: "", followUp: "" });
    expect(result.kind === "invalid" && result.errors.map((error) => [error.fieldId, error.message])).toEqual([
      ["reason", "Enter the reason for the consultation"],
      ["findings", "What was found must be 2000 characters or fewer"],
      ["actions", "What was done or supplied must not contain control characters"],
    ]);
  });
});
