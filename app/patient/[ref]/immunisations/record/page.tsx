import type { Metadata } from "next";
import { VaccineTypeForm } from "@/app/patient/[ref]/immunisations/record/_components/VaccineTypeForm";
import { BackToImmunisations } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationSummary";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { recordableVaccineTypes } from "@/lib/features/vaccination/terminology";
import { paths } from "@/lib/routes";

const text = content.vaccinationPages;

export const metadata: Metadata = { title: content.pageTitle(text.start) };

export default async function RecordVaccinationPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const back = <BackToImmunisations href={paths.recordSection(ref, "immunisations")} />;
  if (!canUse("record-vaccinations", data.role, data.session.assurance.authenticationLevel)) {
    return (
      <>
        {back}
        <p data-testid="vaccination-not-permitted">{content.vaccination.notPermitted}</p>
      </>
    );
  }
  const patient = data.outcome.kind === "found" || data.outcome.kind === "superseded" ? data.outcome.patient : null;
  if (patient?.deceased) {
    return (
      <>
        {back}
        <h1>{text.start}</h1>
        <p data-testid="patient-deceased">{content.vaccination.patientDeceased}</p>
      </>
    );
  }
  return (
    <>
      {back}
      <VaccineTypeForm patientRef={ref} types={recordableVaccineTypes().map((type) => ({ type, name: content.vaccination.typeNames[type] }))} />
    </>
  );
}
