import type { Feature } from "@/lib/access/policy";
import { documents } from "./documents";
import { gpRecord } from "./gp-record";
import { gpSummary } from "./gp-summary";
import { immunisations } from "./immunisations";
import { patient } from "./patient";
import { prescriptions } from "./prescriptions";
import { refer, referrals } from "./referrals";
import { scr } from "./scr";
import { vaccination } from "./vaccination";
import { patientMessages } from "./patient-messages";

/** Why the selected role is refused a part of the service, on the 403 page. */
export const forbiddenBecause: Partial<Record<Feature, string>> = {
  "view-scr": scr.notPermitted,
  "view-gp-record": gpRecord.notPermitted,
  "view-prescriptions": prescriptions.notPermitted,
  "view-immunisations": immunisations.notPermitted,
  "view-documents": documents.notPermitted,
  "view-referrals": referrals.notPermitted,
  "send-referrals": refer.notPermitted,
  "record-vaccinations": vaccination.notPermitted,
  "send-gp-summary": gpSummary.notPermitted,
  "amend-demographics": patient.updateContact.notPermitted,
  "message-patients": patientMessages.notPermitted,
};
