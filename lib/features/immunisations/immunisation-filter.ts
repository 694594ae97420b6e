import { z } from "zod";
import * as content from "@/lib/content/immunisations";
import { addFieldError, dateInputs, evenWithFieldErrors, FAR_FUTURE, nhsDate, oneOf, validateForm, type FieldError, type FormValues } from "@/lib/forms";
import { VACCINE_TYPES } from "@/lib/nhs/immunisation/client";

const text = content.immunisations;

export type ImmunisationFilter = { type?: string; from?: string; to?: string };

/** A vaccine type and the dates given between, each optional; the dates any real dates, in order. */
export const immunisationFilterSchema = z.preprocess(
  (form: Partial<FormValues>) => ({ ...form, ...dateInputs(form, "from", "to") }),
  z
    .object({
      type: oneOf(VACCINE_TYPES),
      from: nhsDate({ label: text.from, latest: FAR_FUTURE }),
      to: nhsDate({ label: text.to, latest: FAR_FUTURE }),
    })
    .superRefine(({ from, to }, ctx) => {
      if (from && to && from > to) addFieldError(ctx, "from-day", text.errors.order);
    }, evenWithFieldErrors)
    .transform(({ type, from, to }): ImmunisationFilter => ({ type, from, to })),
);

/** The filter travels in the query string: it names vaccine types and dates, never the patient. */
export function readImmunisationFilter(query: Record<string, string | string[] | undefined>): {
  filter: ImmunisationFilter;
  errors: FieldError[];
  values: FormValues;
} {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(query)) if (typeof value === "string") values[key] = value;
  const validated = validateForm(immunisationFilterSchema, values);
  return validated.kind === "valid" ? { filter: validated.value, errors: [], values } : { filter: {}, errors: validated.errors, values };
}
