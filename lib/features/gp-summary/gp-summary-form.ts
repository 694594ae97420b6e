import { z } from "zod";
import { gpSummary as content } from "@/lib/content/gp-summary";
import { addFieldError, text, validateForm, type FormValues } from "@/lib/forms";
import { GP_SUMMARY_FIELD_IDS as F, GP_SUMMARY_MAX } from "./gp-summary-fields";

export interface GpSummaryValues {
  reason: string;
  findings: string;
  actions: string;
  advice: string;
  followUp: string;
}

// tabs and line breaks are kept (the PDF lays them out); other control characters are refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const schema = z.object({ reason: text, findings: text, actions: text, advice: text, followUp: text }).superRefine((values, ctx) => {
  const required: Array<[keyof GpSummaryValues, string]> = [
    ["reason", content.errors.reasonMissing],
    ["findings", content.errors.findingsMissing],
    ["actions", content.errors.actionsMissing],
  ];
  for (const [field, message] of required) if (!values[field]) addFieldError(ctx, F[field], message);
  for (const field of Object.keys(GP_SUMMARY_MAX) as Array<keyof GpSummaryValues>) {
    const label = content.labels[field];
    if (values[field].length > GP_SUMMARY_MAX[field]) addFieldError(ctx, F[field], content.errors.tooLong(label, GP_SUMMARY_MAX[field]));
    else if (CONTROL.test(values[field])) addFieldError(ctx, F[field], content.errors.unprintable(label));
  }
});

/** The consultation as typed, checked: errors keyed by field for the NHS error summary. */
export function validateGpSummary(values: Partial<FormValues>) {
  return validateForm(schema, values as z.input<typeof schema>);
}
