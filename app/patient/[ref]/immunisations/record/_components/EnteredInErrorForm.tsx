"use client";

import { Button, Textarea } from "nhsuk-react-components";
import { useActionState } from "react";
import { sendVaccinationChangeAction, type VaccinationFormState } from "@/app/patient/[ref]/immunisations/record/actions";
import * as content from "@/lib/content/vaccination";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";

const text = content.vaccinationPages;

/** The confirmation before a record is marked entered in error: the reason, then a warning button. */
export function EnteredInErrorForm({ patientRef, changeRef, cancel }: { patientRef: string; changeRef: string; cancel: React.ReactNode }) {
  const [state, formAction, pending] = useActionState<VaccinationFormState, FormData>(sendVaccinationChangeAction, {
    status: "editing",
    values: {},
    errors: [],
  });
  return (
    <>
      <ErrorSummaryBox errors={state.errors} pageTitle={text.enteredInErrorTitle} />
      {state.status === "message" ? (
        <div className="nhsuk-inset-text" role="status" data-testid="vaccination-message">
          <p>{state.message}</p>
        </div>
      ) : null}
      <form action={formAction} noValidate key={JSON.stringify(state)} data-testid="entered-in-error-form">
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="actionRef" value={changeRef} />
        <Textarea
          id="reason"
          name="reason"
          label={text.reasonLabel}
          hint={text.reasonHint}
          rows={3}
          defaultValue={state.values.reason ?? ""}
          error={errorFor(state.errors, "reason")}
        />
        <div className="nhsuk-button-group">
          <Button type="submit" warning disabled={pending} aria-disabled={pending} data-testid="confirm-entered-in-error">
            {pending ? text.markingEnteredInError : text.confirmEnteredInError}
          </Button>
          {cancel}
        </div>
      </form>
    </>
  );
}
