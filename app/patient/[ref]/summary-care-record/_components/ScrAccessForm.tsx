"use client";

import { Button, Radios, Textarea } from "nhsuk-react-components";
import { useActionState } from "react";
import { confirmScrAccessAction, type AccessBasisState } from "@/app/patient/[ref]/summary-care-record/actions";
import * as content from "@/lib/content/scr";
import { ACCESS_BASES } from "@/lib/features/scr/access-bases";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { FailureCallout } from "@/components/FailureCallout";

const text = content.scr.basis;

/** The reason fields are always shown (no conditional reveal), with hints saying when they are needed. */
export function ScrAccessForm({ patientRef }: { patientRef: string }) {
  const [state, formAction, pending] = useActionState<AccessBasisState, FormData>(confirmScrAccessAction, {
    errors: [],
    values: { basis: "", reason: "", details: "" },
    alertFailure: null,
  });
  return (
    <>
      <ErrorSummaryBox errors={state.errors} pageTitle={content.scr.title} />
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <p>{text.lead}</p>
      {state.alertFailure ? (
        <>
          <p className="nhsuk-body-l" data-testid="alert-failed">
            {text.alertFailed}
          </p>
          <FailureCallout failure={state.alertFailure} />
        </>
      ) : null}
      <form action={formAction} noValidate key={JSON.stringify(state.values)}>
        <input type="hidden" name="patientRef" value={patientRef} />
        <Radios id="basis" idPrefix="basis" name="basis" legend={text.legend} legendProps={{ size: "s" }} error={errorFor(state.errors, "basis")}>
          {ACCESS_BASES.map((basis, index) => (
            <Radios.Item key={basis} id={`basis-${index + 1}`} value={basis} defaultChecked={state.values.basis === basis} hint={text.options[basis].hint}>
              {text.options[basis].label}
            </Radios.Item>
          ))}
        </Radios>
        <Radios
          id="reason"
          idPrefix="reason"
          name="reason"
          legend={text.reasonLegend}
          legendProps={{ size: "s" }}
          hint={text.reasonHint}
          error={errorFor(state.errors, "reason")}
        >
          {text.reasons.map((reason, index) => (
            <Radios.Item key={reason} id={`reason-${index + 1}`} value={reason} defaultChecked={state.values.reason === reason}>
              {reason}
            </Radios.Item>
          ))}
        </Radios>
        <Textarea
          id="details"
          name="details"
          label={text.detailsLabel}
          rows={3}
          maxLength={400}
          defaultValue={state.values.details}
          error={errorFor(state.errors, "details")}
        />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.confirm}
        </Button>
      </form>
    </>
  );
}
