"use client";

import Link from "@/components/NoPrefetchLink";
import { Button, Select } from "nhsuk-react-components";
import * as content from "@/lib/content/referrals";
import * as paths from "@/lib/paths";

const text = content.referrals.worklists;

type Option = { value: string; label: string };

/** A GET form: the filters are codes for specialty, service and clinician, never a patient. */
export function WorklistFilterForm({
  listType,
  values,
  specialties,
  services,
  clinicians,
}: {
  listType: string;
  values: Record<string, string | undefined>;
  specialties: Option[];
  services: Option[];
  clinicians: Option[];
}) {
  const select = (id: string, label: string, options: Option[]) => (
    <Select id={id} name={id} label={label} defaultValue={values[id] ?? ""}>
      <Select.Option value="">{text.any}</Select.Option>
      {options.map((option) => (
        <Select.Option key={option.value} value={option.value}>
          {option.label}
        </Select.Option>
      ))}
    </Select>
  );
  return (
    <form method="get" noValidate className="app-worklist-filters">
      <input type="hidden" name="list" value={listType} />
      {select("specialty", text.specialty, specialties)}
      {select("service", text.service, services)}
      {select("clinician", text.clinician, clinicians)}
      <div className="nhsuk-button-group">
        <Button type="submit">{text.apply}</Button>
        <Link href={`${paths.worklists()}?list=${listType}`} className="nhsuk-link">
          {text.clear}
        </Link>
      </div>
    </form>
  );
}
