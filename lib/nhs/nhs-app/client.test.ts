import { describe, expect, it } from "vitest";
import { gp, standInClient } from "../testing/stand-in-client";
import { NhsAppClient, type MessageToSend } from "./client";

const standIn = standInClient();
const client = () => new NhsAppClient(standIn.nhs(), standIn.baseUrl("nhs-app"));
const today = () => new Date().toISOString().slice(0, 10);

function message(overrides: Partial<MessageToSend> = {}): MessageToSend {
  return {
    nhsNumber: "9000000009",
    odsCode: "Y12345",
    requestReference: crypto.randomUUID(),
    markdown: "## Your referral\n\nYou have been referred to **Leeds City UTC**.",
    campaign: "referral-sent",
    ...overrides,
  };
}

describe("NHS App client against the stand-in", () => {
  it("sends an in-app message with its request reference, and finds its receipts in the day's report", async () => {
    const sent = message();
    const answer = await client().send("in-app", sent, crypto.randomUUID(), gp);
    expect(answer.kind).toBe("accepted");
    const report = await client().receipts(today(), gp);
    if (report.kind !== "found") throw new Error(report.kind);
    const mine = report.receipts.filter((receipt) => receipt.requestReference === sent.requestReference).map((receipt) => receipt.code);
    expect(mine).toEqual(["Delivered", "Notified"]);
  });

  it("a patient with notifications off is Unnotified; one with no NHS App account is Rejected with the reason", async () => {
    const off = message({ nhsNumber: "9693632109" });
    const none = message({ nhsNumber: "9000000033" });
    await client().send("in-app", off, crypto.randomUUID(), gp);
    await client().send("in-app", none, crypto.randomUUID(), gp);
    const report = await client().receipts(today(), gp);
    if (report.kind !== "found") throw new Error(report.kind);
    expect(report.receipts.filter((receipt) => receipt.requestReference === off.requestReference).map((receipt) => receipt.code)).toEqual([
      "Delivered",
      "Unnotified",
    ]);
    expect(report.receipts.find((receipt) => receipt.requestReference === none.requestReference)).toMatchObject({
      code: "Rejected",
      reason: "NHS number not found",
    });
  });

  it("sends a notification alone on the notification channel", async () => {
    expect((await client().send("notification", message({ markdown: "You have a new message from your GP surgery." }), crypto.randomUUID(), gp)).kind).toBe(
      "accepted",
    );
  });
});
