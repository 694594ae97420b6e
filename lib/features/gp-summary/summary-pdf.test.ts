import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { summaryPdf, type SummaryPdfFacts } from "./summary-pdf";

const facts: SummaryPdfFacts = {
  patient: { nhsNumber: "9693632109", family: "Garton", given: ["Bill"], birthDate: "1955-11-05" },
  practice: { odsCode: "A20047", name: "Ancholme Valley Medical Practice" },
  sender: { practitionerName: "Alex Example", organisationName: "Boar Lane Pharmacy", odsCode: "Y23456" },
  writtenAt: "2026-11-29T10:15:00.000Z",
  consultation: { reason: "Sore throat", findings: "FeverPAIN 4\nNo red flags", actions: "Penicillin V supplied", advice: "Fluids", followUp: "" },
};

describe("the consultation summary PDF", () => {
  it("is the same bytes for the same facts, so the preview is what is sent", async () => {
    const [first, second] = [await summaryPdf(facts), await summaryPdf(facts)];
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("runs onto more pages for a long summary, and survives characters its font cannot show", async () => {
    const long = await summaryPdf({
      ...facts,
      consultation: { ...facts.consultation, findings: `${"word ".repeat(350)}\n`.repeat(5), advice: "Emoji 🙂 and Ω" },
    });
    expect((await PDFDocument.load(long)).getPageCount()).toBeGreaterThan(1);
  });
});
