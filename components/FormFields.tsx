"use client";

import { DateInput, Select, TextInput } from "nhsuk-react-components";
import { errorFor, type FieldError } from "@/lib/forms/state";

/** What a kit form hands its fields: the values last submitted and the errors found in them. */
export interface FieldsState {
  values: Record<string, string>;
  errors: FieldError[];
}

/**
 * A text field of a forms-kit form: its id and name are the field's, it shows the value last submitted and its
 * own error, and it is not remembered by the browser (autocomplete off: patient details on a shared machine).
 */
export function TextField({
  name,
  label,
  hint,
  form,
  width,
  type,
  numeric = false,
  spellCheck,
}: {
  name: string;
  label: string;
  hint?: string;
  form: FieldsState;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  type?: "tel" | "email" | "text";
  numeric?: boolean;
  spellCheck?: boolean;
}) {
  return (
    <TextInput
      id={name}
      name={name}
      label={label}
      hint={hint}
      type={type}
      inputMode={numeric ? "numeric" : undefined}
      autoComplete="off"
      spellCheck={spellCheck}
      width={width}
      defaultValue={form.values[name]}
      error={errorFor(form.errors, name)}
    />
  );
}

/** An NHS date input of a forms-kit form: `<prefix>-day`, `-month` and `-year`, with the error for any of them. */
export function DateField({ prefix, legend, hint, form }: { prefix: string; legend: string; hint?: string; form: FieldsState }) {
  return (
    <DateInput
      id={prefix}
      name={prefix}
      legend={legend}
      hint={hint}
      error={errorFor(form.errors, prefix)}
      defaultValue={{ day: form.values[`${prefix}-day`] ?? "", month: form.values[`${prefix}-month`] ?? "", year: form.values[`${prefix}-year`] ?? "" }}
    />
  );
}

/** An NHS select of a forms-kit form: an empty first choice that asks for one, then the choices, with its own error. */
export function SelectField({
  name,
  label,
  placeholder,
  choices,
  form,
}: {
  name: string;
  label: string;
  placeholder: string;
  choices: ReadonlyArray<{ value: string; name: string }>;
  form: FieldsState;
}) {
  return (
    <Select id={name} name={name} label={label} defaultValue={form.values[name] ?? ""} error={errorFor(form.errors, name)}>
      <Select.Option value="">{placeholder}</Select.Option>
      {choices.map((choice) => (
        <Select.Option key={choice.value} value={choice.value}>
          {choice.name}
        </Select.Option>
      ))}
    </Select>
  );
}
