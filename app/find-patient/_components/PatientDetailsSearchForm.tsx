"use client";

import { Button, Checkboxes, Fieldset, Radios } from "nhsuk-react-components";
import { useActionState } from "react";
import { searchByDetailsAction } from "@/app/find-patient/actions";
import * as content from "@/lib/content/find-patient";
import { errorFor, type FormState } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { DateField, TextField } from "@/components/FormFields";

const text = content.findPatient;

export function PatientDetailsSearchForm({
  mode,
  initialValues,
  navigation,
}: {
  mode: "basic" | "advanced";
  initialValues: Record<string, string>;
  navigation?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(searchByDetailsAction, { errors: [], values: initialValues });
  const { errors, values } = state;
  const form = { values, errors };
  // the search options can have two problems at once; the options show the later one
  const optionsError = errorFor([...errors].reverse(), "fuzzy");
  const title = mode === "basic" ? text.basic.title : text.advanced.title;
  // remount after each submission so the fields show what was submitted
  const formKey = JSON.stringify(values);

  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={title} />
      <h1>{title}</h1>
      {navigation}
      <p>{mode === "basic" ? text.basic.lead : text.advanced.lead}</p>
      <form action={formAction} noValidate key={formKey}>
        <input type="hidden" name="mode" value={mode} />
        <TextField name="family" label={text.fields.family} form={form} width={20} spellCheck={false} />
        <TextField name="given" label={text.fields.given} form={form} width={20} spellCheck={false} />
        <Radios id="gender" idPrefix="gender" name="gender" legend={text.fields.gender} inline>
          {(["female", "male", "other", "unknown"] as const).map((gender) => (
            <Radios.Item key={gender} id={`gender-${gender}`} value={gender} defaultChecked={values.gender === gender}>
              {text.fields.genders[gender]}
            </Radios.Item>
          ))}
        </Radios>
        {mode === "basic" ? (
          <DateField prefix="dob" legend={text.fields.dob} hint={text.fields.dobHint} form={form} />
        ) : (
          <>
            <DateField prefix="dob" legend={text.advanced.dobExact} hint={text.advanced.dobExactHint} form={form} />
            <Fieldset>
              <Fieldset.Legend size="s">{text.advanced.dobRange}</Fieldset.Legend>
              <DateField prefix="dobFrom" legend={text.advanced.dobFrom} form={form} />
              <DateField prefix="dobTo" legend={text.advanced.dobTo} form={form} />
            </Fieldset>
          </>
        )}
        <TextField name="postcode" label={text.fields.postcode} hint={text.fields.postcodeHint} form={form} width={10} />
        {mode === "advanced" ? (
          <>
            <TextField name="gp" label={text.advanced.gp} hint={text.advanced.gpHint} form={form} width={10} />
            <DateField prefix="dod" legend={text.advanced.dateOfDeath} form={form} />
            <Checkboxes id="options" idPrefix="options" name="options" legend={text.advanced.options} error={optionsError}>
              <Checkboxes.Item id="fuzzy" name="fuzzy" value="on" defaultChecked={values.fuzzy === "on"}>
                {text.advanced.fuzzy}
              </Checkboxes.Item>
              <Checkboxes.Item id="exact" name="exact" value="on" defaultChecked={values.exact === "on"}>
                {text.advanced.exact}
              </Checkboxes.Item>
              <Checkboxes.Item id="history" name="history" value="on" defaultChecked={values.history === "on"}>
                {text.advanced.history}
              </Checkboxes.Item>
            </Checkboxes>
          </>
        ) : null}
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.search}
        </Button>
      </form>
    </>
  );
}
