"use client";

import { Button, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import { searchByPrescriptionIdAction, type PrescriptionIdSearchState } from "@/app/find-patient/actions";
import * as content from "@/lib/content/find-patient";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
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
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

export function PrescriptionIdSearchForm({ navigation }: { navigation?: React.ReactNode }) {
  const [state, formAction, pending] = useActionState<PrescriptionIdSearchState, FormData>(searchByPrescriptionIdAction, { status: "idle" });
  const errors = state.status === "invalid" ? state.errors : [];
  const typed = "value" in state ? state.value : "";
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h1>{text.title}</h1>
      {navigation}
      <Outcome state={state} />
      <form action={formAction} noValidate>
        <TextInput
          key={`${state.status}:${typed}`}
          id={FIELD_ID}
          name="prescriptionId"
          label={text.label}
          labelProps={{ size: "m" }}
          hint={text.hint}
          error={errorFor(errors, FIELD_ID)}
          defaultValue={typed}
          autoComplete="off"
          spellCheck={false}
          width={20}
        />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.submit}
        </Button>
      </form>
    </>
  );
}
