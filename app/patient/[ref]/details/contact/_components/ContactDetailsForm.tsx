"use client";

import Link from "@/components/NoPrefetchLink";
import { Button, Fieldset } from "nhsuk-react-components";
import { useActionState } from "react";
import { updateContactDetailsAction, type ContactUpdateState } from "@/app/patient/[ref]/details/contact/actions";
import * as commonText from "@/lib/content/common";
import * as patientText from "@/lib/content/patient";
import { formatFhirDate } from "@/lib/format";
import type { ContactValues } from "@/lib/features/record/contact-update";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { FailureCallout } from "@/components/FailureCallout";
import * as paths from "@/lib/paths";
import { DateField, TextField } from "@/components/FormFields";
import { WarningCallout } from "@/components/WarningCallout";

// only the parts of the content module this component shows
const content = { ...commonText, ...patientText };

const text = content.patient.updateContact;

const COMPARED: Array<[keyof ContactValues, string]> = [
  ["homePhone", text.homePhone],
  ["mobilePhone", text.mobilePhone],
  ["email", text.email],
  ["tempLine1", text.addressLine1],
  ["tempLine2", text.addressLine2],
  ["tempTown", text.town],
  ["tempPostcode", text.postcode],
  ["tempFrom", text.from],
  ["tempUntil", text.until],
];

const shown = (name: keyof ContactValues, value: string) =>
  value ? (name === "tempFrom" || name === "tempUntil" ? (formatFhirDate(value) ?? value) : value) : text.blank;

function Conflict({ submitted, current }: { submitted: ContactValues; current: ContactValues }) {
  return (
    <WarningCallout heading={text.conflictTitle} testId="update-conflict">
      <p>{text.conflictBody}</p>
      <table className="nhsuk-table">
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <td className="nhsuk-table__header" />
            <th scope="col" className="nhsuk-table__header">
              {text.conflictYours}
            </th>
            <th scope="col" className="nhsuk-table__header">
              {text.conflictCurrent}
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {COMPARED.filter(([name]) => submitted[name] || current[name]).map(([name, label]) => (
            <tr key={name} className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__header">
                {label.replace(" (optional)", "")}
              </th>
              <td className="nhsuk-table__cell" data-testid={`yours-${name}`}>
                {shown(name, submitted[name])}
              </td>
              <td className="nhsuk-table__cell" data-testid={`current-${name}`}>
                {shown(name, current[name])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </WarningCallout>
  );
}

export function ContactDetailsForm({ patientRef, versionId, initialFields }: { patientRef: string; versionId: string; initialFields: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<ContactUpdateState, FormData>(updateContactDetailsAction, {
    status: "editing",
    versionId,
    fields: initialFields,
    errors: [],
  });
  const errors = state.status === "editing" ? state.errors : [];
  const fields = state.fields;
  const form = { values: fields, errors };

  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <p>{text.lead}</p>
      {state.status === "conflict" ? <Conflict submitted={state.submitted} current={state.current} /> : null}
      {state.status === "refused" ? (
        <WarningCallout heading={text.title} alert testId="update-refused">
          <p>{state.message}</p>
          {state.reference ? (
            <p>
              {content.upstream.reference}: <code>{state.reference}</code>
            </p>
          ) : null}
        </WarningCallout>
      ) : null}
      {state.status === "failed" ? (
        <>
          {state.outcomeUnknown ? (
            <p className="nhsuk-body-l" data-testid="update-outcome-unknown">
              {text.outcomeUnknown}
            </p>
          ) : null}
          <FailureCallout failure={state.failure} />
        </>
      ) : null}
      {/* remount after each answer so the fields show what was submitted and the version to compare against */}
      <form action={formAction} noValidate key={`${state.status}:${state.versionId}:${JSON.stringify(fields)}`}>
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="versionId" value={state.versionId} />
        <TextField name="homePhone" label={text.homePhone} form={form} width={20} type="tel" />
        <TextField name="mobilePhone" label={text.mobilePhone} form={form} width={20} type="tel" />
        <TextField name="email" label={text.email} form={form} type="email" spellCheck={false} />
        <Fieldset>
          <Fieldset.Legend size="m">{text.temporaryAddress}</Fieldset.Legend>
          <p className="nhsuk-hint">{text.temporaryAddressHint}</p>
          <TextField name="tempLine1" label={text.addressLine1} form={form} />
          <TextField name="tempLine2" label={text.addressLine2} form={form} />
          <TextField name="tempTown" label={text.town} form={form} width={20} />
          <TextField name="tempPostcode" label={text.postcode} form={form} width={10} />
          <DateField prefix="tempFrom" legend={text.from} form={form} />
          <DateField prefix="tempUntil" legend={text.until} form={form} />
        </Fieldset>
        <div className="nhsuk-button-group">
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {text.save}
          </Button>
          <Link href={paths.recordSection(patientRef, "details")} className="nhsuk-link">
            {text.cancel}
          </Link>
        </div>
      </form>
    </>
  );
}
