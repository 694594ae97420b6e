"use client";

import { searchByPrescriptionIdAction, type PrescriptionIdSearchState } from "@/app/find-patient/actions";
import * as content from "@/lib/content/find-patient";
import { SearchForm, useSearch } from "@/components/SearchForm";
import { FailureCallout } from "@/components/FailureCallout";

const FIELD_ID = "prescription-id";
const text = content.findPatient.prescription;

function Outcome({ state }: { state: PrescriptionIdSearchState }) {
  switch (state.status) {
    case "idle":
    case "invalid":
      return null;
    case "not-found":
      return (
        <div className="nhsuk-inset-text" role="status" data-testid="search-outcome">
          <h2 className="nhsuk-heading-m">{text.notFound.heading}</h2>
          <p>{text.notFound.body(state.prescriptionId)}</p>
        </div>
      );
    case "patient-not-found":
      return (
        <div className="nhsuk-inset-text" role="status" data-testid="search-outcome">
          <p>{text.patientNotFound}</p>
        </div>
      );
    case "failed":
      return <FailureCallout failure={state.failure} />;
    case "not-permitted":
      return <p data-testid="search-outcome">{text.notPermitted}</p>;
    case "rate-limited":
      return (
        <div className="nhsuk-inset-text" role="status" data-testid="search-outcome">
          <p>{state.message}</p>
        </div>
      );
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

export function PrescriptionIdSearchForm({ navigation }: { navigation?: React.ReactNode }) {
  const { state, search } = useSearch<PrescriptionIdSearchState>(searchByPrescriptionIdAction, { status: "idle" });
  return (
    <SearchForm
      {...search}
      pageTitle={text.title}
      heading={
        <>
          <h1>{text.title}</h1>
          {navigation}
        </>
      }
      outcome={<Outcome state={state} />}
      field={{ id: FIELD_ID, name: "prescriptionId", label: text.label, hint: text.hint, width: 20, largeLabel: true }}
      submit={text.submit}
    />
  );
}
