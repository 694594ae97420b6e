import type { Metadata } from "next";
import { ContactDetailsForm } from "@/app/patient/[ref]/details/contact/_components/ContactDetailsForm";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { contactFormFields, contactValuesOf } from "@/lib/features/record/contact-update";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

export const metadata: Metadata = { title: content.pageTitle(content.patient.updateContact.title) };

export default async function UpdateContactDetailsPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded" || data.outcome.kind !== "found") return null;
  const { patient } = data.outcome;
  if (!canUse("amend-demographics", data.role, data.session.assurance.authenticationLevel)) {
    return <p data-testid="update-not-permitted">{content.patient.updateContact.notPermitted}</p>;
  }
  if (patient.restricted) return <p data-testid="update-not-permitted">{content.patient.updateContact.restricted}</p>;
  return <ContactDetailsForm patientRef={ref} versionId={patient.versionId ?? ""} initialFields={contactFormFields(contactValuesOf(patient))} />;
}
