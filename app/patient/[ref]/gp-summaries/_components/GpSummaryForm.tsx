"use client";

import { Button, Textarea } from "nhsuk-react-components";
import { useActionState } from "react";
import { saveGpSummaryAction, type GpSummaryFormState } from "@/app/patient/[ref]/gp-summaries/actions";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { gpSummary as text } from "@/lib/content/gp-summary";
import { GP_SUMMARY_FIELD_IDS as F } from "@/lib/features/gp-summary/gp-summary-fields";
import { errorFor, type FormValues } from "@/lib/forms/state";

const FIELDS = [
  { id: F.reason, rows: 2 },
  { id: F.findings, rows: 5 },
  { id: F.actions, rows: 5 },
  { id: F.advice, rows: 4 },
  { id: F.followUp, rows: 3 },
] as const;

/** The consultation, written for the practice: each part a text area, errors in the NHS error summary. */
export function GpSummaryForm({
  patientRef,
  summaryRef,
  initial,
  pageTitle,
}: {
  patientRef: string;
  summaryRef: string;
  initial: FormValues;
  pageTitle: string;
}) {
  const [state, formAction, pending] = useActionState<GpSummaryFormState, FormData>(saveGpSummaryAction, { status: "editing", values: initial, errors: [] });
  return (
    <>
      <ErrorSummaryBox errors={state.errors} pageTitle={pageTitle} />
      {state.status === "message" ? (
        <div className="nhsuk-inset-text" role="status" data-testid="gp-summary-message">
          <p>{state.message}</p>
        </div>
      ) : null}
      <form action={formAction} noValidate key={JSON.stringify(state.values)} data-testid="gp-summary-form">
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="summaryRef" value={summaryRef} />
        {FIELDS.map((field) => (
          <Textarea
            key={field.id}
            id={field.id}
            name={field.id}
            label={text.labels[field.id]}
            hint={field.id in text.hints ? text.hints[field.id as keyof typeof text.hints] : undefined}
            rows={field.rows}
            defaultValue={state.values[field.id] ?? ""}
            error={errorFor(state.errors, field.id)}
          />
        ))}
        <Button type="submit" disabled={pending} aria-disabled={pending} data-testid="gp-summary-preview">
          {text.buttons.preview}
        </Button>
      </form>
    </>
  );
}
