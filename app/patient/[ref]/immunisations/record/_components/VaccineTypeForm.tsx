"use client";

import { Button, Radios } from "nhsuk-react-components";
import { useActionState } from "react";
import { chooseVaccineTypeAction } from "@/app/patient/[ref]/immunisations/record/actions";
import * as content from "@/lib/content/vaccination";
import { VACCINATION_FIELD_IDS as F } from "@/lib/features/vaccination/vaccination-fields";
import { errorFor, type FieldError } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";

const text = content.vaccinationPages;

/** The vaccine first: it decides which products the form offers. */
export function VaccineTypeForm({ patientRef, types }: { patientRef: string; types: Array<{ type: string; name: string }> }) {
  const [errors, formAction, pending] = useActionState<FieldError[], FormData>(chooseVaccineTypeAction, []);
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.start} />
      <form action={formAction} noValidate data-testid="vaccine-type-form">
        <input type="hidden" name="patientRef" value={patientRef} />
        <Radios
          id={`${F.vaccineType}-options`}
          idPrefix={F.vaccineType}
          name={F.vaccineType}
          legend={text.chooseType}
          legendProps={{ isPageHeading: true, size: "l" }}
          hint={text.chooseTypeHint}
          error={errorFor(errors, F.vaccineType)}
        >
          {types.map(({ type, name }, index) => (
            <Radios.Item key={type} id={index === 0 ? F.vaccineType : `${F.vaccineType}-${type}`} value={type}>
              {name}
            </Radios.Item>
          ))}
        </Radios>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.continue}
        </Button>
      </form>
    </>
  );
}
