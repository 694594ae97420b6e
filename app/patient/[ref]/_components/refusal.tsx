import { Refused } from "@/components/Refused";
import { openedPatient } from "@/lib/features/record/load-patient";
import { paths } from "@/lib/routes";

/**
 * The refusal for a part of the record this role may not see, or null when it may. A full page load is refused
 * by the layout with a real 403; a move from another tab keeps the layout, so each page asks here first, before
 * anything is read.
 */
export async function refusalFor(patientRef: string) {
  const opened = await openedPatient(patientRef);
  return opened.kind === "not-permitted" ? <Refused section={opened.section} recordPath={paths.record(patientRef)} /> : null;
}
