"use client";

import { Button, Select, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import { searchServicesAction, type ServiceSearchFormState } from "@/app/patient/[ref]/referrals/refer/actions";
import { serviceSearchForm as text } from "@/lib/content/referral-forms";
import { SEARCH_FIELD_IDS, SERVICE_TYPES } from "@/lib/features/bars/refer-fields";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";

/** Service Search by name, ODS code or postcode, sent as a POST so a patient's postcode never sits in a URL. */
export function ServiceSearchForm({ patientRef, previous }: { patientRef: string; previous: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<ServiceSearchFormState, FormData>(searchServicesAction, { status: "idle" });
  const values = state.status === "invalid" ? state.form : previous;
  const errors = state.status === "invalid" ? state.errors : [];
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <p>{text.lead}</p>
      <form action={formAction} noValidate key={JSON.stringify(values)}>
        <input type="hidden" name="patientRef" value={patientRef} />
        <Select id={SEARCH_FIELD_IDS.field} name={SEARCH_FIELD_IDS.field} label={text.searchBy} defaultValue={values[SEARCH_FIELD_IDS.field] ?? "name"}>
          {(Object.keys(text.searchByOptions) as Array<keyof typeof text.searchByOptions>).map((option) => (
            <Select.Option key={option} value={option}>
              {text.searchByOptions[option]}
            </Select.Option>
          ))}
        </Select>
        <TextInput
          id={SEARCH_FIELD_IDS.text}
          name={SEARCH_FIELD_IDS.text}
          label={text.searchText}
          hint={text.searchTextHint}
          defaultValue={values[SEARCH_FIELD_IDS.text] ?? ""}
          error={errorFor(errors, SEARCH_FIELD_IDS.text)}
          autoComplete="off"
          spellCheck={false}
          width={20}
        />
        <Select id={SEARCH_FIELD_IDS.type} name={SEARCH_FIELD_IDS.type} label={text.serviceType} defaultValue={values[SEARCH_FIELD_IDS.type] ?? ""}>
          <Select.Option value="">{text.serviceTypes.any}</Select.Option>
          {SERVICE_TYPES.map((type) => (
            <Select.Option key={type} value={type}>
              {text.serviceTypes[type]}
            </Select.Option>
          ))}
        </Select>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.search}
        </Button>
      </form>
    </>
  );
}
