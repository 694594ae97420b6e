"use client";

import Link from "@/components/NoPrefetchLink";
import { Button, DateInput, Select } from "nhsuk-react-components";
import * as content from "@/lib/content/immunisations";
import { errorFor, type FieldError, type FormValues } from "@/lib/forms/state";

const text = content.immunisations;

/** A plain GET form: the filter names vaccine types and dates, never the patient, and works without script. */
export function ImmunisationFilterForm({
  clearHref,
  vaccineTypes,
  values,
  errors,
}: {
  clearHref: string;
  vaccineTypes: readonly string[];
  values: FormValues;
  errors: FieldError[];
}) {
  const date = (prefix: string) => ({ day: values[`${prefix}-day`] ?? "", month: values[`${prefix}-month`] ?? "", year: values[`${prefix}-year`] ?? "" });
  return (
    <form method="get" noValidate>
      <Select id="type" name="type" label={text.vaccineType} defaultValue={values.type ?? ""}>
        <Select.Option value="">{text.anyType}</Select.Option>
        {vaccineTypes.map((type) => (
          <Select.Option key={type} value={type}>
            {text.typeNames[type]}
          </Select.Option>
        ))}
      </Select>
      <DateInput id="from" name="from" legend={text.from} defaultValue={date("from")} error={errorFor(errors, "from")} />
      <DateInput id="to" name="to" legend={text.to} defaultValue={date("to")} error={errorFor(errors, "to")} />
      <div className="nhsuk-button-group">
        <Button type="submit">{text.apply}</Button>
        <Link href={clearHref} className="nhsuk-link">
          {text.clear}
        </Link>
      </div>
    </form>
  );
}
