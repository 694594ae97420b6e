import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { VaccinationForm } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationForm";
import { BackToImmunisations } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationSummary";
import { saveVaccinationAnswersAction } from "@/app/patient/[ref]/immunisations/record/actions";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import Link from "@/components/NoPrefetchLink";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { vaccinationFormFields } from "@/lib/features/vaccination/form-values";
import { vaccinationAction } from "@/lib/features/vaccination/vaccinations";
import { paths } from "@/lib/routes";
import { PickLists } from "@/app/patient/[ref]/immunisations/record/_components/PickLists";

const text = content.vaccinationPages;

export const metadata: Metadata = { title: content.pageTitle(text.answersTitle) };

export default async function VaccinationAnswersPage({ params }: { params: Promise<{ ref: string; actionRef: string }> }) {
  const { ref, actionRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const back = <BackToImmunisations href={paths.recordSection(ref, "immunisations")} />;
  const action = vaccinationAction(data.session, ref, actionRef);
  if (!canUse("record-vaccinations", data.role, data.session.assurance.authenticationLevel) || !action?.chosenType) {
    return (
      <>
        {back}
        <h1>{text.start}</h1>
        <p data-testid="vaccination-unavailable">{action ? content.vaccination.notPermitted : text.unknownAction}</p>
      </>
    );
  }
  // once sent, what was sent stays what was sent
  if (action.state !== "draft" || action.attempts > 0) redirect(paths.vaccinationAction(ref, actionRef));
  const type = action.chosenType;
  return (
    <>
      {back}
      <PickLists vaccineType={type}>
        {(lists) => (
          <VaccinationForm
            action={saveVaccinationAnswersAction}
            patientRef={ref}
            actionRef={actionRef}
            vaccineType={type}
            heading={text.answersHeading(content.vaccination.typeNames[type])}
            {...lists}
            initialValues={action.values ? vaccinationFormFields(action.values) : {}}
            submitLabel={text.continue}
            pendingLabel={text.continue}
          >
            <p>
              <Link href={paths.recordVaccination(ref)}>{text.changeType}</Link>
            </p>
          </VaccinationForm>
        )}
      </PickLists>
    </>
  );
}
