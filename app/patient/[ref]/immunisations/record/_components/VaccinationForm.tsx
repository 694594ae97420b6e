"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Button, Checkboxes, Fieldset } from "nhsuk-react-components";
import { useActionState, useState } from "react";
import { PickSelect, TermCombobox, type PickOption } from "./TermCombobox";
import type { VaccinationFormState } from "@/app/patient/[ref]/immunisations/record/actions";
import * as content from "@/lib/content/vaccination";
import { CONSENT_GIVEN, DOSE_UNIT_CHOICES, VACCINATION_FIELD_IDS as F } from "@/lib/features/vaccination/vaccination-fields";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { DateField, SelectField, TextField } from "@/components/FormFields";

const text = content.vaccinationPages;
const labels = content.vaccination.labels;
const DOSE_UNITS = DOSE_UNIT_CHOICES.map((unit) => ({ value: unit, name: content.vaccination.doseUnits[unit] }));

/**
 * The vaccination's answers. Product, site and route are lists rendered by the server for the chosen vaccine, so
 * the form works without JavaScript; with it, the product is a type-ahead. The vaccine itself is fixed by the
 * server, never taken from the post.
 */
export function VaccinationForm({
  action,
  patientRef,
  actionRef,
  vaccineType,
  heading,
  products,
  sites,
  routes,
  initialValues,
  submitLabel,
  pendingLabel,
  children,
}: {
  action: (state: VaccinationFormState, posted: FormData) => Promise<VaccinationFormState>;
  patientRef: string;
  actionRef: string;
  vaccineType: string;
  heading: string;
  products: PickOption[];
  sites: PickOption[];
  routes: PickOption[];
  initialValues: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  children?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState<VaccinationFormState, FormData>(action, { status: "editing", values: initialValues, errors: [] });
  const form = { values: state.values, errors: state.errors };
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <ErrorSummaryBox errors={state.errors} pageTitle={text.answersTitle} />
      {state.status === "message" ? (
        <div className="nhsuk-inset-text" role="status" data-testid="vaccination-message">
          <p>{state.message}</p>
        </div>
      ) : null}
      <h1>{heading}</h1>
      {children}
      <form action={formAction} noValidate key={JSON.stringify(state)} data-testid="vaccination-form">
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="actionRef" value={actionRef} />
        <input type="hidden" name={F.vaccineType} value={vaccineType} />
        <TermCombobox
          name={F.product}
          label={labels.product}
          list="products"
          vaccineType={vaccineType}
          options={products}
          value={form.values[F.product] ?? ""}
          errors={form.errors}
        />
        <TextField name={F.batch} label={labels.batch} hint={text.batchHint} form={form} width={20} spellCheck={false} />
        <DateField prefix={F.expiry} legend={labels.expiry} hint={text.expiryHint} form={form} />
        <TextField name={F.doseNumber} label={labels.doseNumber} hint={text.doseNumberHint} form={form} width={2} numeric />
        <Fieldset>
          <Fieldset.Legend size="s">{text.dose}</Fieldset.Legend>
          <TextField name={F.doseAmount} label={labels.doseAmount} form={form} width={4} />
          <SelectField name={F.doseUnit} label={labels.doseUnit} placeholder={text.chooseOption} choices={DOSE_UNITS} form={form} />
        </Fieldset>
        <PickSelect name={F.site} label={labels.site} options={sites} value={form.values[F.site] ?? ""} errors={form.errors} />
        <PickSelect name={F.route} label={labels.route} options={routes} value={form.values[F.route] ?? ""} errors={form.errors} />
        <DateField prefix={F.given} legend={labels.given} hint={text.givenHint} form={form} />
        <TextField name={F.givenTime} label={labels.givenTime} hint={text.timeHint} form={form} width={4} />
        <Checkboxes id={`${F.consent}-options`} idPrefix={F.consent} name={F.consent} legend={text.consentLegend} error={errorFor(form.errors, F.consent)}>
          <Checkboxes.Item id={F.consent} name={F.consent} value={CONSENT_GIVEN} defaultChecked={form.values[F.consent] === CONSENT_GIVEN}>
            {labels.consent}
          </Checkboxes.Item>
        </Checkboxes>
        <Button type="submit" disabled={pending} aria-disabled={pending} data-testid="vaccination-submit">
          {pending ? pendingLabel : submitLabel}
        </Button>
      </form>
    </QueryClientProvider>
  );
}
