"use client";

import { Button, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import { searchByNhsNumberAction, type NhsNumberSearchState } from "@/app/find-patient/actions";
import * as content from "@/lib/content/find-patient";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { FailureCallout } from "@/components/FailureCallout";

const FIELD_ID = "nhs-number";

function OutcomeNotice({ heading, body }: { heading?: string; body: string }) {
  return (
    <div className="nhsuk-inset-text" role="status" data-testid="search-outcome">
      {heading ? <h2 className="nhsuk-heading-m">{heading}</h2> : null}
      <p>{body}</p>
    </div>
  );
}

function OutcomePanel({ state }: { state: NhsNumberSearchState }) {
  switch (state.status) {
    case "idle":
    case "invalid":
      return null;
    case "not-found":
      return <OutcomeNotice heading={content.findPatient.notFound.heading} body={content.findPatient.notFound.body(state.formattedNhsNumber)} />;
    case "invalidated":
      return <OutcomeNotice {...content.findPatient.invalidated} />;
    case "rejected":
      return <OutcomeNotice {...content.findPatient.rejectedNumber} />;
    case "failed":
      return <FailureCallout failure={state.failure} />;
    case "not-permitted":
      return <OutcomeNotice body={content.findPatient.notPermitted} />;
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

/** navigation: how else to search, shown under the heading (after any error summary, which comes first). */
export function NhsNumberSearchForm({ navigation }: { navigation?: React.ReactNode }) {
  const [state, formAction, pending] = useActionState<NhsNumberSearchState, FormData>(searchByNhsNumberAction, {
    status: "idle",
  });
  const errors = state.status === "invalid" ? state.errors : [];
  const typed = "value" in state ? state.value : "";

  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={content.findPatient.title} />
      <h1>{content.findPatient.title}</h1>
      {navigation}
      <OutcomePanel state={state} />
      <form action={formAction} noValidate>
        <TextInput
          // remounted after each search so the field shows what was searched for
          key={`${state.status}:${typed}`}
          id={FIELD_ID}
          name="nhsNumber"
          label={content.findPatient.nhsNumberLabel}
          labelProps={{ size: "m" }}
          hint={content.findPatient.nhsNumberHint}
          error={errorFor(errors, FIELD_ID)}
          defaultValue={typed}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          width={10}
        />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {content.findPatient.search}
        </Button>
      </form>
    </>
  );
}
