/**
 * The forms kit: every form is read with readForm, checked by a zod schema of its own through validateForm,
 * and answered with its errors as FieldError[] (a FormState when the page shows the form again).
 *
 * Client components import `@/lib/forms/state` only (FieldError, FormState, errorFor): it imports nothing,
 * while the rest of the kit brings zod and the messages' text.
 */

export { errorFor, type FieldError, type FormState, type FormValues } from "./state";
export { MAX_FIELD_LENGTH, postedForm, readForm } from "./read";
export { addFieldError, evenWithFieldErrors, fieldIdOf, oneOf, parseField, text, validateForm, type Validated } from "./validate";
export {
  DATE_PARTS,
  EARLIEST_YEAR,
  FAR_FUTURE,
  dailySchema,
  dateGiven,
  dateInput,
  dateInputs,
  dateParts,
  nhsDate,
  type DatePart,
  type DateParts,
  type NhsDateOptions,
} from "./date";
