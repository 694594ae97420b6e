"use client";

import { Button, Select } from "nhsuk-react-components";
import { useActionState } from "react";
import { applyAuditFilterAction } from "@/app/audit/actions";
import * as content from "@/lib/content/audit";
import { type FormState } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { DateField, TextField } from "@/components/FormFields";

const text = content.audit;

export function AuditFilterForm({ initialValues }: { initialValues: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(applyAuditFilterAction, { errors: [], values: initialValues });
  const { errors, values } = state;
  const form = { values, errors };
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <form action={formAction} noValidate key={JSON.stringify(values)} className="app-audit-filters">
        <h2 className="nhsuk-heading-s">{text.filters}</h2>
        <TextField name="nhsNumber" label={text.nhsNumber} form={form} width={10} numeric />
        <TextField name="userId" label={text.userId} form={form} width={20} />
        <Select id="action" name="action" label={text.action} defaultValue={values.action ?? ""}>
          <Select.Option value="">{text.anyAction}</Select.Option>
          {Object.entries(text.actions).map(([value, label]) => (
            <Select.Option key={value} value={value}>
              {label}
            </Select.Option>
          ))}
        </Select>
        <DateField prefix="from" legend={text.from} form={form} />
        <DateField prefix="to" legend={text.to} form={form} />
        <div className="nhsuk-button-group">
          <Button type="submit" name="intent" value="apply" disabled={pending}>
            {text.apply}
          </Button>
          <Button type="submit" name="intent" value="clear" secondary disabled={pending}>
            {text.clear}
          </Button>
        </div>
      </form>
    </>
  );
}
