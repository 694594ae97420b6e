"use client";

import * as content from "@/lib/content/common";
import { ubrnForm as text } from "@/lib/content/referral-forms";
import type { UbrnFormState } from "@/lib/features/referrals/referral-search";
import { SearchForm, useSearch } from "./SearchForm";
import { FailureCallout } from "./FailureCallout";

const FIELD_ID = "ubrn";

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
  const { state, search } = useSearch<UbrnFormState>(action, { status: "idle" });
  return (
    <SearchForm
      {...search}
      pageTitle={pageTitle}
      heading={heading}
      outcome={
        <>
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
        </>
      }
      field={{ id: FIELD_ID, name: "ubrn", label: text.label, hint: text.hint, width: 20, numeric: true }}
      submit={text.open}
      hidden={patientRef ? { patientRef } : undefined}
    />
  );
}
