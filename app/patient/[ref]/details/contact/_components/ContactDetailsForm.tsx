"use client";

import Link from "@/components/NoPrefetchLink";
import { Button, DateInput, Fieldset, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import { updateContactDetailsAction, type ContactUpdateState } from "@/app/patient/[ref]/details/contact/actions";
import * as commonText from "@/lib/content/common";
import * as patientText from "@/lib/content/patient";
import { formatFhirDate } from "@/lib/format";
import type { ContactValues } from "@/lib/features/record/contact-update";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { FailureCallout } from "@/components/FailureCallout";
import { paths } from "@/lib/routes";

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
    <div className="nhsuk-warning-callout" data-testid="update-conflict">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {text.conflictTitle}
        </span>
      </h2>
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
    </div>
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
  const date = (prefix: string) => ({ day: fields[`${prefix}-day`] ?? "", month: fields[`${prefix}-month`] ?? "", year: fields[`${prefix}-year`] ?? "" });

  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <p>{text.lead}</p>
      {state.status === "conflict" ? <Conflict submitted={state.submitted} current={state.current} /> : null}
      {state.status === "refused" ? (
        <div className="nhsuk-warning-callout" role="alert" data-testid="update-refused">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {text.title}
            </span>
          </h3>
          <p>{state.message}</p>
          {state.reference ? (
            <p>
              {content.upstream.reference}: <code>{state.reference}</code>
            </p>
          ) : null}
        </div>
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
        <TextInput
          id="homePhone"
          name="homePhone"
          label={text.homePhone}
          type="tel"
          autoComplete="off"
          width={20}
          defaultValue={fields.homePhone}
          error={errorFor(errors, "homePhone")}
        />
        <TextInput
          id="mobilePhone"
          name="mobilePhone"
          label={text.mobilePhone}
          type="tel"
          autoComplete="off"
          width={20}
          defaultValue={fields.mobilePhone}
          error={errorFor(errors, "mobilePhone")}
        />
        <TextInput
          id="email"
          name="email"
          label={text.email}
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={fields.email}
          error={errorFor(errors, "email")}
        />
        <Fieldset>
          <Fieldset.Legend size="m">{text.temporaryAddress}</Fieldset.Legend>
          <p className="nhsuk-hint">{text.temporaryAddressHint}</p>
          <TextInput
            id="tempLine1"
            name="tempLine1"
            label={text.addressLine1}
            autoComplete="off"
            defaultValue={fields.tempLine1}
            error={errorFor(errors, "tempLine1")}
          />
          <TextInput id="tempLine2" name="tempLine2" label={text.addressLine2} autoComplete="off" defaultValue={fields.tempLine2} />
          <TextInput
            id="tempTown"
            name="tempTown"
            label={text.town}
            autoComplete="off"
            width={20}
            defaultValue={fields.tempTown}
            error={errorFor(errors, "tempTown")}
          />
          <TextInput
            id="tempPostcode"
            name="tempPostcode"
            label={text.postcode}
            autoComplete="off"
            width={10}
            defaultValue={fields.tempPostcode}
            error={errorFor(errors, "tempPostcode")}
          />
          <DateInput id="tempFrom" name="tempFrom" legend={text.from} defaultValue={date("tempFrom")} error={errorFor(errors, "tempFrom")} />
          <DateInput id="tempUntil" name="tempUntil" legend={text.until} defaultValue={date("tempUntil")} error={errorFor(errors, "tempUntil")} />
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
