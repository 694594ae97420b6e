import { describe, expect, it } from "vitest";
import { gp, standInClient } from "../testing/stand-in-client";
import { OdsClient } from "./client";

const { nhs, baseUrl } = standInClient();

describe("ODS client", () => {
  it("reads an organisation's name, and the next look-up is answered from the cache", async () => {
    const ods = new OdsClient(nhs(), baseUrl("ods"));
    expect(await ods.organisation("y12345", gp)).toMatchObject({ kind: "found", organisation: { odsCode: "Y12345", name: "TREVELYAN SQUARE SURGERY" } });
    expect(await ods.organisation("ZZZ99", gp)).toEqual({ kind: "not-found" });
    expect(ods.cachedCount).toBe(2);
  });

  it("holds at most its bound however many organisations are asked for (H14): the oldest answer goes first", async () => {
    const ods = new OdsClient(nhs(), baseUrl("ods"), 3);
    for (const code of ["ZZZ01", "ZZZ02", "ZZZ03", "ZZZ04", "ZZZ05", "ZZZ06", "ZZZ07"]) {
      expect(await ods.organisation(code, gp)).toEqual({ kind: "not-found" });
    }
    expect(ods.cachedCount).toBe(3);
  });
});
