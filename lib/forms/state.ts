/**
 * What a form's page shows after a submission: the problems, each linked from the NHS error summary to its
 * field (`#fieldId`), and the values to fill the fields with again. Safe for client components: it imports
 * nothing, so a page's JavaScript carries no text or schema it does not show.
 */

export interface FieldError {
  fieldId: string;
  message: string;
}

/** A form's values as posted: every field a string, "" when left blank. */
export type FormValues = Record<string, string>;

export interface FormState<V extends FormValues = FormValues> {
  errors: FieldError[];
  values: V;
}

/**
 * The message to show on a field: the first error for that field id, or for a field whose parts it groups
 * (`dob` for `dob-day`, `dob-month` and `dob-year`; `basis` for the radios `basis-1`, `basis-2`…).
 */
export function errorFor(errors: readonly FieldError[], fieldIdOrPrefix: string): string | undefined {
  return errors.find((error) => error.fieldId === fieldIdOrPrefix || error.fieldId.startsWith(`${fieldIdOrPrefix}-`))?.message;
}
