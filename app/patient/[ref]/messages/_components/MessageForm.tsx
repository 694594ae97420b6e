"use client";

import { Button, Fieldset, Radios } from "nhsuk-react-components";
import { useActionState } from "react";
import { previewMessageAction, type MessageFormState } from "@/app/patient/[ref]/messages/actions";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { DateField, SelectField, TextField } from "@/components/FormFields";
import { patientMessages as text } from "@/lib/content/patient-messages";
import { errorFor, type FormValues } from "@/lib/forms/state";

type TemplateId = keyof typeof text.templates;

/**
 * The message: a reviewed template, and only the short details it asks for. Each template's details are in a group
 * of their own under its name; only the chosen template's are read.
 */
export function MessageForm({
  patientRef,
  actionRef,
  vaccines,
  pages,
  initialValues,
}: {
  patientRef: string;
  actionRef: string;
  vaccines: Array<{ value: string; name: string }>;
  pages: Array<{ value: string; name: string }>;
  initialValues: FormValues;
}) {
  const [state, formAction, pending] = useActionState<MessageFormState, FormData>(previewMessageAction, {
    status: "editing",
    values: initialValues,
    errors: [],
  });
  const form = { values: state.values, errors: state.errors };
  const templates = Object.keys(text.templates) as TemplateId[];
  const fields = text.fields;
  return (
    <>
      <ErrorSummaryBox errors={state.errors} pageTitle={text.newTitle} />
      <form action={formAction} noValidate data-testid="message-form">
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="actionRef" value={actionRef} />
        <Radios
          id="template-options"
          idPrefix="template"
          name="template"
          legend={text.chooseTemplate}
          hint={text.templateHint}
          error={errorFor(state.errors, "template")}
        >
          {templates.map((id, index) => (
            <Radios.Item key={id} id={index === 0 ? "template" : `template-${id}`} value={id} defaultChecked={state.values.template === id}>
              {text.templates[id].name}
            </Radios.Item>
          ))}
        </Radios>
        <Fieldset>
          <Fieldset.Legend size="s">{text.templates["referral-sent"].name}</Fieldset.Legend>
          <TextField name="service" label={fields.service.label} hint={fields.service.hint} form={form} />
          <TextField name="phone" label={fields.phone.label} hint={fields.phone.hint} form={form} type="tel" width={20} />
          <TextField name="when" label={fields.when.label} hint={fields.when.hint} form={form} />
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend size="s">{text.templates["vaccination-recorded"].name}</Fieldset.Legend>
          <SelectField name="vaccine" label={fields.vaccine.label} placeholder={fields.vaccine.label} choices={vaccines} form={form} />
          <DateField prefix="given" legend={fields.given.label} hint={fields.given.hint} form={form} />
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend size="s">{text.templates["nhs-website-page"].name}</Fieldset.Legend>
          <SelectField name="page" label={fields.page.label} placeholder={fields.page.label} choices={pages} form={form} />
        </Fieldset>
        <Button type="submit" disabled={pending} aria-disabled={pending} data-testid="message-preview-submit">
          {text.continue}
        </Button>
      </form>
    </>
  );
}
