import { describe, expect, it } from "vitest";
import { gp, standInClient } from "../testing/stand-in-client";
import { GET_STRUCTURED_RECORD_INTERACTION, SdsClient } from "./client";

const standIn = standInClient();
const sds = () => new SdsClient(standIn.nhs(), standIn.baseUrl("sds"));

describe("SDS client", () => {
  it("finds a practice's GP Connect address from /Endpoint, then its ASID from /Device by party key", async () => {
    const found = await sds().endpointFor("y12345", GET_STRUCTURED_RECORD_INTERACTION, gp);
    expect(found).toMatchObject({
      kind: "found",
      endpoint: {
        odsCode: "Y12345",
        address: "https://gpconnect.standin.example.nhs.uk/Y12345/STU3/1/gpconnect/",
        partyKey: "Y12345-900001",
        asid: "200000000101",
      },
    });
    expect(found.kind === "found" && found.requestIds).toHaveLength(2);
  });

  it("says a practice without GP Connect does not offer it, after one call", async () => {
    const outcome = await sds().endpointFor("H81109", GET_STRUCTURED_RECORD_INTERACTION, gp);
    expect(outcome).toMatchObject({ kind: "not-offered" });
    expect(outcome.kind === "not-offered" && outcome.requestIds).toHaveLength(1);
  });

  it("says not offered where an endpoint has no accredited system to route to", async () => {
    // X26's GP2GP endpoints exist, but no accredited system serves GP Connect there
    expect((await sds().endpointFor("X26", GET_STRUCTURED_RECORD_INTERACTION, gp)).kind).toBe("not-offered");
  });
});
