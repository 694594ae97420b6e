import { z } from "zod";
import type { FieldError } from "./state";

/**
 * Every form is checked by a zod schema of its own, through validateForm: the schema gives the typed values
 * the action goes on with, or its issues become the form's field errors, in the order the schema raised them
 * (a z.object checks its keys in order, so a schema lists its fields in the order the page shows them).
 *
 * An issue's field is the id the error summary links to: the one a refinement names (addFieldError), or else
 * the issue's path joined by "-", so a field "family" is "family" and the month of a date input `dob`
 * (`{ dob: { day, month, year } }`) is "dob-month", the id of that input's month box.
 */

export type Validated<T> = { kind: "valid"; value: T } | { kind: "invalid"; errors: FieldError[] };

export function validateForm<S extends z.ZodType>(schema: S, values: z.input<S>): Validated<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { kind: "valid", value: result.data };
  return { kind: "invalid", errors: result.error.issues.map((issue) => ({ fieldId: fieldIdOf(issue), message: issue.message })) };
}

/** The field an issue is about; `within` is the field id of the value the issue's schema checked, if not a key of the form. */
export function fieldIdOf(issue: z.core.$ZodIssue, within?: string): string {
  const named = issue.code === "custom" ? issue.params?.fieldId : undefined;
  if (typeof named === "string") return named;
  return [...(within ? [within] : []), ...issue.path.map(String)].join("-");
}

/** In a refinement or transform: a problem with the field `fieldId`, wherever in the form the check sits. */
export function addFieldError(ctx: z.RefinementCtx, fieldId: string, message: string): void {
  ctx.addIssue({ code: "custom", message, params: { fieldId } });
}

/**
 * In a refinement or transform over several fields: checks one of them with its own schema, its problems
 * reported against it (a date input's against its parts), and gives its value, or undefined if it has problems.
 */
export function parseField<S extends z.ZodType>(ctx: z.RefinementCtx, fieldId: string, schema: S, value: z.input<S>): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) addFieldError(ctx, fieldIdOf(issue, fieldId), issue.message);
  return undefined;
}

/**
 * For a refinement over the whole form that is reported beside the fields' own errors: by default zod skips it
 * once a field has failed to parse or a field's transform has raised an issue (a failed refinement does not stop
 * it). A field that failed is undefined there when its schema gives undefined on failure, as the kit's pieces do.
 */
export const evenWithFieldErrors = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

/** A field's text, trimmed; "" when it was not posted. */
export const text = z
  .string()
  .optional()
  .transform((value) => (value ?? "").trim());

/** A field whose value is used only if it is one of `choices` (a select or radios), exactly as posted. */
export function oneOf<const T extends string>(choices: readonly T[]) {
  return z
    .unknown()
    .optional()
    .transform((value) => choices.find((choice) => choice === value));
}
