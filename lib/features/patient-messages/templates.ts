import { z } from "zod";
import { patientMessages, type MessageBlock, type MessageFrom } from "@/lib/content/patient-messages";
import { addFieldError, dateInput, nhsDate, oneOf, text, validateForm, type FieldError, type FormValues } from "@/lib/forms";
import { formatFhirDate } from "@/lib/format";
import { MAX_MESSAGE_LENGTH } from "@/lib/nhs/nhs-app/client";

const content = patientMessages;
export const TEMPLATE_IDS = ["referral-sent", "vaccination-recorded", "nhs-website-page"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** The form's fields, with the most of each that is read. */
export const MESSAGE_FIELDS = {
  template: 40,
  service: 80,
  phone: 20,
  when: 60,
  vaccine: 20,
  "given-day": 2,
  "given-month": 2,
  "given-year": 4,
  page: 80,
} as const;
export type MessageField = keyof typeof MESSAGE_FIELDS;

/**
 * What a field may hold: letters, digits, spaces and plain punctuation, so nothing typed can become Markdown
 * (headings, emphasis, links, images, lists) or HTML in the patient's NHS App, whatever the template puts it in.
 */
const PLAIN = /^[A-Za-z0-9 .,'\-/:&]+$/;
const PHONE = /^\+?[0-9][0-9 ]{8,17}[0-9]$/;

export type TemplateValues =
  | { template: "referral-sent"; service: string; phone: string; when: string | null }
  | { template: "vaccination-recorded"; vaccine: string; vaccineName: string; given: string }
  | { template: "nhs-website-page"; page: string; title: string; url: string };

export interface MessageChoices {
  /** The vaccine types offered, by their names. */
  vaccines: Readonly<Record<string, string>>;
  /** The NHS.UK pages offered (curated: those this service maps medicines and vaccines to), by slug. */
  pages: Readonly<Record<string, { title: string; url: string }>>;
  today: Date;
}

function plain(ctx: z.RefinementCtx, field: MessageField, label: string, value: string, max: number, required = true): string | null {
  if (!value) {
    if (required) addFieldError(ctx, field, content.errors.required(label));
    return null;
  }
  if (value.length > max) addFieldError(ctx, field, content.errors.tooLong(label, max));
  else if (!PLAIN.test(value)) addFieldError(ctx, field, content.errors.characters(label));
  else return value.replace(/\s+/g, " ");
  return null;
}

function schemaFor(choices: MessageChoices) {
  const fields = content.fields;
  return z
    .object({
      template: oneOf(TEMPLATE_IDS),
      service: text,
      phone: text,
      when: text,
      vaccine: oneOf(Object.keys(choices.vaccines)),
      given: nhsDate({ label: fields.given.label, required: true, latest: choices.today }),
      page: oneOf(Object.keys(choices.pages)),
    })
    .transform((form, ctx): TemplateValues | null => {
      switch (form.template) {
        case undefined:
          addFieldError(ctx, "template", content.errors.choose);
          return null;
        case "referral-sent": {
          const service = plain(ctx, "service", fields.service.label, form.service, 80);
          const when = plain(ctx, "when", fields.when.label, form.when, 60, false);
          const phone = form.phone.replace(/\s+/g, " ");
          if (!PHONE.test(phone)) addFieldError(ctx, "phone", content.errors.phone);
          return service && PHONE.test(phone) && (when !== null || !form.when) ? { template: "referral-sent", service, phone, when } : null;
        }
        case "vaccination-recorded": {
          if (!form.vaccine) addFieldError(ctx, "vaccine", content.errors.chooseOption(fields.vaccine.label));
          return form.vaccine && form.given
            ? { template: "vaccination-recorded", vaccine: form.vaccine, vaccineName: choices.vaccines[form.vaccine]!, given: form.given }
            : null;
        }
        case "nhs-website-page": {
          if (!form.page) {
            addFieldError(ctx, "page", content.errors.chooseOption(fields.page.label));
            return null;
          }
          return { template: "nhs-website-page", page: form.page, ...choices.pages[form.page]! };
        }
        default: {
          const unhandled: never = form.template;
          return unhandled;
        }
      }
    });
}

/** Building a zod schema costs far more than running it: one is kept for the last choices and day. */
let built: { key: string; schema: ReturnType<typeof schemaFor> } | undefined;
function schemaOf(choices: MessageChoices) {
  const key = JSON.stringify([Object.keys(choices.vaccines), Object.keys(choices.pages), choices.today.toISOString().slice(0, 10)]);
  if (built?.key !== key) built = { key, schema: schemaFor(choices) };
  return built.schema;
}

export type MessageFormResult = { kind: "valid"; values: TemplateValues } | { kind: "invalid"; errors: FieldError[] };

/** Checks the chosen template and its fields; only the chosen template's fields are read. */
export function validateMessageForm(form: Partial<FormValues>, choices: MessageChoices): MessageFormResult {
  const template = form.template;
  const validated = validateForm(schemaOf(choices), {
    template,
    service: form.service,
    phone: form.phone,
    when: form.when,
    vaccine: form.vaccine,
    // a date is asked for only by the vaccination template: the others' forms never carry one
    given: template === "vaccination-recorded" ? dateInput(form, "given") : { day: "1", month: "1", year: "2000" },
    page: form.page,
  });
  if (validated.kind === "invalid") {
    // the date's problems are named by its first box, which the error summary links to
    return { kind: "invalid", errors: validated.errors.map((error) => (error.fieldId.startsWith("given") ? { ...error, fieldId: "given-day" } : error)) };
  }
  return validated.value ? { kind: "valid", values: validated.value } : { kind: "invalid", errors: [{ fieldId: "template", message: content.errors.choose }] };
}

/** Anything an organisation's name could hold that Markdown would read as markup is dropped. */
const plainName = (name: string) =>
  name
    .replace(/[^A-Za-z0-9 .,'\-/&()]/g, "")
    .replace(/\s+/g, " ")
    .trim() || "Your healthcare provider";

/** The blocks the patient reads: the template's reviewed wording with the checked fields, then the footer. */
export function messageBlocks(values: TemplateValues, from: MessageFrom): MessageBlock[] {
  const sender = { organisation: plainName(from.organisation) };
  const templates = content.templates;
  const body =
    values.template === "referral-sent"
      ? templates["referral-sent"].blocks(values, sender)
      : values.template === "vaccination-recorded"
        ? templates["vaccination-recorded"].blocks({ vaccine: values.vaccineName, given: formatFhirDate(values.given) ?? values.given }, sender)
        : templates["nhs-website-page"].blocks(values, sender);
  return [...body, ...content.footer(sender)];
}

/** The blocks as the NHS App's Markdown subset: "## " headings, paragraphs, and [text](https://…) links. */
export function toMarkdown(blocks: readonly MessageBlock[]): string {
  const markdown = blocks
    .map((block) => (block.kind === "heading" ? `## ${block.text}` : block.kind === "link" ? `[${block.text}](${block.href})` : block.text))
    .join("\n\n");
  if (markdown.length > MAX_MESSAGE_LENGTH) throw new Error("a template's message is longer than the NHS App allows");
  return markdown;
}

export function campaignOf(template: TemplateId): string {
  return content.templates[template].campaign;
}

/** The Markdown this service writes, read back into blocks: the preview draws the very text that is sent. */
export function markdownBlocks(markdown: string): MessageBlock[] {
  return markdown.split("\n\n").map((part): MessageBlock => {
    if (part.startsWith("## ")) return { kind: "heading", text: part.slice(3) };
    const link = /^\[([^\]]+)\]\((https:\/\/[^)\s]+)\)$/.exec(part);
    return link ? { kind: "link", text: link[1]!, href: link[2]! } : { kind: "paragraph", text: part };
  });
}
