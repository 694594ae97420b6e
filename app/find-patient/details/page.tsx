import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { PatientDetailsSearchForm } from "@/app/find-patient/_components/PatientDetailsSearchForm";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

export const metadata: Metadata = { title: content.pageTitle(content.findPatient.basic.title) };

export default async function Page() {
  const { session, role } = await requireActingRole();
  if (!canUse("find-patient", role, session.assurance.authenticationLevel)) forbidden();
  // "Change search" and Back come here with the last search filled in, from the server-side session
  const initialValues = session.lastSearch?.kind === "basic" ? session.lastSearch.form : {};
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PatientDetailsSearchForm mode="basic" initialValues={initialValues} navigation={<SearchModeNavigation current={paths.findByDetails()} />} />
      </div>
    </div>
  );
}
