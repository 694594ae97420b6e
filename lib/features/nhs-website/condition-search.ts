import { z } from "zod";
import { nhsWebsite } from "@/lib/content/nhs-website";
import { text, validateForm, type FieldError } from "@/lib/forms";

const errors = nhsWebsite.conditions;
export const CONDITION_FIELDS = { name: 60 } as const;
const NAME = /^[A-Za-z][A-Za-z '-]*$/;

const schema = z.object({
  name: text.pipe(
    z
      .string()
      .min(1, errors.required)
      .max(60, errors.tooLong)
      .regex(NAME, errors.invalid)
      .transform((name) => name.replace(/\s+/g, " ")),
  ),
});

export type ConditionSearchResult = { kind: "valid"; name: string } | { kind: "invalid"; errors: FieldError[] };

/** A condition's name, or its start: letters, spaces, hyphens and apostrophes, as the A to Z lists them. */
export function validateConditionSearch(form: { name?: string }): ConditionSearchResult {
  const validated = validateForm(schema, { name: form.name });
  return validated.kind === "valid" ? { kind: "valid", name: validated.value.name } : validated;
}
