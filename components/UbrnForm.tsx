"use client";

import { Button, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import * as commonText from "@/lib/content/common";
import * as referralsText from "@/lib/content/referrals";
import { errorFor } from "@/lib/forms/state";
import type { UbrnFormState } from "@/lib/features/referrals/referral-search";
import { ErrorSummaryBox } from "./ErrorSummaryBox";
import { FailureCallout } from "./FailureCallout";

// only the parts of the content module this component shows
const content = { ...commonText, ...referralsText };

const FIELD_ID = "ubrn";
const text = content.referrals;

/** A UBRN lookup: from the patient's Referrals tab (patientRef set) or from the Find page. */
export function UbrnForm({
  action,
  pageTitle,
  patientRef,
  heading,
}: {
  action: (previous: UbrnFormState, formData: FormData) => Promise<UbrnFormState>;
  pageTitle: string;
  patientRef?: string;
  heading: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState<UbrnFormState, FormData>(action, { status: "idle" });
  const errors = state.status === "invalid" ? state.errors : [];
  const typed = "value" in state ? state.value : "";
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={pageTitle} />
      {heading}
      {state.status === "message" ? (
        <div className="nhsuk-inset-text" role="status" data-testid="ubrn-outcome">
          <p>{state.message}</p>
          {state.reference ? (
            <p className="nhsuk-body-s">
              {content.upstream.reference}: <code>{state.reference}</code>
            </p>
          ) : null}
        </div>
      ) : null}
      {state.status === "failed" ? <FailureCallout failure={state.failure} /> : null}
      <form action={formAction} noValidate>
        {patientRef ? <input type="hidden" name="patientRef" value={patientRef} /> : null}
        <TextInput
          key={`${state.status}:${typed}`}
          id={FIELD_ID}
          name="ubrn"
          label={text.ubrnLabel}
          hint={text.ubrnHint}
          error={errorFor(errors, FIELD_ID)}
          defaultValue={typed}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          width={20}
        />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.open}
        </Button>
      </form>
    </>
  );
}
