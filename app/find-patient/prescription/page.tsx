import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PrescriptionIdSearchForm } from "@/app/find-patient/_components/PrescriptionIdSearchForm";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

const text = content.findPatient.prescription;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function FindByPrescriptionIdPage() {
  const { session, role } = await requireActingRole();
  if (!canUse("view-prescriptions", role, session.assurance.authenticationLevel)) forbidden();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PrescriptionIdSearchForm navigation={<SearchModeNavigation current={paths.findByPrescription()} />} />
      </div>
    </div>
  );
}
