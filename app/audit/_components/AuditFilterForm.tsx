"use client";

import { Button, DateInput, Select, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import { applyAuditFilterAction } from "@/app/audit/actions";
import * as content from "@/lib/content/audit";
import { errorFor, type FormState } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";

const text = content.audit;

export function AuditFilterForm({ initialValues }: { initialValues: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(applyAuditFilterAction, { errors: [], values: initialValues });
  const { errors, values } = state;
  const date = (prefix: string) => ({ day: values[`${prefix}-day`] ?? "", month: values[`${prefix}-month`] ?? "", year: values[`${prefix}-year`] ?? "" });
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <form action={formAction} noValidate key={JSON.stringify(values)} className="app-audit-filters">
        <h2 className="nhsuk-heading-s">{text.filters}</h2>
        <TextInput
          id="nhsNumber"
          name="nhsNumber"
          label={text.nhsNumber}
          inputMode="numeric"
          autoComplete="off"
          width={10}
          defaultValue={values.nhsNumber}
          error={errorFor(errors, "nhsNumber")}
        />
        <TextInput
          id="userId"
          name="userId"
          label={text.userId}
          autoComplete="off"
          width={20}
          defaultValue={values.userId}
          error={errorFor(errors, "userId")}
        />
        <Select id="action" name="action" label={text.action} defaultValue={values.action ?? ""}>
          <Select.Option value="">{text.anyAction}</Select.Option>
          {Object.entries(text.actions).map(([value, label]) => (
            <Select.Option key={value} value={value}>
              {label}
            </Select.Option>
          ))}
        </Select>
        <DateInput id="from" name="from" legend={text.from} defaultValue={date("from")} error={errorFor(errors, "from")} />
        <DateInput id="to" name="to" legend={text.to} defaultValue={date("to")} error={errorFor(errors, "to")} />
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
