import type { APIRequestContext } from "@playwright/test";
import { expect, type Page } from "./test";
import { SANDBOX_URL } from "./stand-in";

export interface SentMessage {
  messageId: string;
  localId: string | null;
  status: string;
  statusCode: string | null;
  attachmentSha256: string | null;
}

/** The messages the stand-in's MESH took under a summary's local id (ids and states only). */
export async function sentWith(request: APIRequestContext, localId: string): Promise<SentMessage[]> {
  const { messages } = (await (await request.get(`${SANDBOX_URL}/_stand-in/mesh/sent`)).json()) as { messages: SentMessage[] };
  return messages.filter((message) => message.localId === localId);
}

/** From the GP summaries tab: start a summary, fill it in by keyboard, and preview it; returns the summary's reference. */
export async function composeAndPreview(page: Page, reason: string): Promise<string> {
  await page.getByRole("button", { name: "Send a summary to the GP" }).click();
  await expect(page.getByRole("heading", { name: "Write the consultation summary" })).toBeVisible();
  const summaryRef = /\/gp-summaries\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.getByLabel("Reason for the consultation").fill(reason);
  await page.getByLabel("What was found").fill("FeverPAIN score 4.\nNo red flags.");
  await page.getByLabel("What was done or supplied").fill("Phenoxymethylpenicillin 500 mg four times a day for 5 days, 20 tablets supplied");
  await page.getByLabel("Advice given").fill("Fluids and paracetamol. Return if worse.");
  await page.getByTestId("gp-summary-preview").click();
  await expect(page.getByRole("heading", { name: "Check the summary before you send it" })).toBeVisible();
  return summaryRef;
}
