import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_LENGTH } from "@/lib/nhs/nhs-app/client";
import { markdownBlocks, messageBlocks, toMarkdown, validateMessageForm, type MessageChoices, type TemplateValues } from "./templates";

const CHOICES: MessageChoices = {
  vaccines: { FLU: "Flu", COVID: "COVID-19" },
  pages: { "medicines/metformin": { title: "Metformin", url: "https://www.nhs.uk/medicines/metformin/" } },
  today: new Date("2026-11-29T12:00:00Z"),
};
const FROM = { organisation: "Trevelyan Square Surgery" };

describe("NHS App message templates", () => {
  it("accepts each template with its own fields, and reads no other template's", () => {
    expect(
      validateMessageForm({ template: "referral-sent", service: "Leeds City UTC", phone: "0113 123 4567", when: "", vaccine: "nonsense" }, CHOICES),
    ).toEqual({
      kind: "valid",
      values: { template: "referral-sent", service: "Leeds City UTC", phone: "0113 123 4567", when: null },
    });
    expect(
      validateMessageForm(
        { template: "vaccination-recorded", vaccine: "FLU", "given-day": "3", "given-month": "11", "given-year": "2025", service: "<b>" },
        CHOICES,
      ),
    ).toEqual({
      kind: "valid",
      values: { template: "vaccination-recorded", vaccine: "FLU", vaccineName: "Flu", given: "2025-11-03" },
    });
    expect(validateMessageForm({ template: "nhs-website-page", page: "medicines/metformin" }, CHOICES)).toMatchObject({
      kind: "valid",
      values: { url: "https://www.nhs.uk/medicines/metformin/" },
    });
  });

  it("refuses anything that could become Markdown or HTML in the patient's NHS App, naming the field", () => {
    for (const service of ["**urgent**", "[here](https://evil.example)", "# Heading", "<script>", "![x](y)", "a_b_", "`code`", "line\nbreak"]) {
      const result = validateMessageForm({ template: "referral-sent", service, phone: "0113 123 4567" }, CHOICES);
      expect(result, service).toMatchObject({ kind: "invalid", errors: [{ fieldId: "service" }] });
    }
    expect(validateMessageForm({ template: "referral-sent", service: "Leeds", phone: "call me" }, CHOICES)).toMatchObject({
      kind: "invalid",
      errors: [{ fieldId: "phone" }],
    });
    expect(validateMessageForm({ template: "nhs-website-page", page: "medicines/zopiclone" }, CHOICES)).toMatchObject({
      kind: "invalid",
      errors: [{ fieldId: "page" }],
    });
    expect(
      validateMessageForm({ template: "vaccination-recorded", vaccine: "FLU", "given-day": "1", "given-month": "1", "given-year": "2027" }, CHOICES),
    ).toMatchObject({
      kind: "invalid",
      errors: [{ fieldId: "given-day" }],
    });
    expect(validateMessageForm({}, CHOICES)).toMatchObject({ kind: "invalid", errors: [{ fieldId: "template" }] });
  });

  it("writes the NHS App's Markdown subset, which the preview reads back block for block, within the API's length", () => {
    const values: TemplateValues[] = [
      { template: "referral-sent", service: "S".repeat(80), phone: "0113 123 4567", when: "W".repeat(60) },
      { template: "vaccination-recorded", vaccine: "FLU", vaccineName: "Flu", given: "2025-11-03" },
      { template: "nhs-website-page", page: "medicines/metformin", title: "Metformin", url: "https://www.nhs.uk/medicines/metformin/" },
    ];
    for (const value of values) {
      const blocks = messageBlocks(value, FROM);
      const markdown = toMarkdown(blocks);
      expect(markdown.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(markdown).not.toMatch(/<(.|\n)*?>/);
      expect(markdownBlocks(markdown)).toEqual(blocks);
      expect(blocks.at(-1)).toMatchObject({ text: expect.stringContaining("call 111, or 999 in an emergency") });
    }
  });

  it("an organisation name with markup in it is sent as plain words", () => {
    const markdown = toMarkdown(
      messageBlocks({ template: "vaccination-recorded", vaccine: "FLU", vaccineName: "Flu", given: "2025-11-03" }, { organisation: "**Evil** [org](x)" }),
    );
    expect(markdown).toContain("Evil org(x) has recorded");
    expect(markdown).not.toContain("**");
  });
});
