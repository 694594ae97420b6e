"use client";

import { searchByNhsNumberAction, type NhsNumberSearchState } from "@/app/find-patient/actions";
import * as content from "@/lib/content/find-patient";
import { SearchForm, useSearch } from "@/components/SearchForm";
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
    case "rate-limited":
      return <OutcomeNotice body={state.message} />;
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

/** navigation: how else to search, shown under the heading (after any error summary, which comes first). */
export function NhsNumberSearchForm({ navigation }: { navigation?: React.ReactNode }) {
  const { state, search } = useSearch<NhsNumberSearchState>(searchByNhsNumberAction, { status: "idle" });

  return (
    <SearchForm
      {...search}
      pageTitle={content.findPatient.title}
      heading={
        <>
          <h1>{content.findPatient.title}</h1>
          {navigation}
        </>
      }
      outcome={<OutcomePanel state={state} />}
      field={{
        id: FIELD_ID,
        name: "nhsNumber",
        label: content.findPatient.nhsNumberLabel,
        hint: content.findPatient.nhsNumberHint,
        width: 10,
        numeric: true,
        largeLabel: true,
      }}
      submit={content.findPatient.search}
    />
  );
}
