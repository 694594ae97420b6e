import type { FormValues } from "./state";

/** How much of a field is kept unless the form says otherwise. */
export const MAX_FIELD_LENGTH = 60;

/**
 * A server action's form. A client can call an action with any value the wire format carries, not only
 * the form its page posts; anything else is read as an empty form, so it gets the form's own messages.
 */
export function postedForm(posted: unknown): FormData {
  return posted instanceof FormData ? posted : new FormData();
}

/**
 * The fields a form defines, each a string ("" when missing) cut to a sane length: MAX_FIELD_LENGTH, or, when
 * the fields are given as `{ name: maxLength }`, that field's own length. Any other field posted is ignored.
 */
export function readForm<const F extends readonly string[]>(posted: unknown, fields: F): Record<F[number], string>;
export function readForm<const F extends Readonly<Record<string, number>>>(posted: unknown, fields: F): Record<keyof F & string, string>;
export function readForm(posted: unknown, fields: readonly string[] | Readonly<Record<string, number>>): FormValues {
  const form = postedForm(posted);
  const lengths: Array<[string, number]> = Array.isArray(fields) ? fields.map((name) => [name, MAX_FIELD_LENGTH]) : Object.entries(fields);
  return Object.fromEntries(lengths.map(([name, max]) => [name, String(form.get(name) ?? "").slice(0, max)]));
}
