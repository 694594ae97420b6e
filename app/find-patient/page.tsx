import type { Metadata } from "next";
import { NhsNumberSearchForm } from "@/components/NhsNumberSearchForm";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import { content } from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.findPatient.title) };

export default async function FindPatientPage() {
  const { session, role } = await requireActingRole();
  const permitted = canUse("find-patient", role, session.assurance.authenticationLevel);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {permitted ? (
          <NhsNumberSearchForm />
        ) : (
          <>
            <h1>{content.findPatient.title}</h1>
            <p data-testid="search-not-permitted">{content.findPatient.notPermitted}</p>
          </>
        )}
      </div>
    </div>
  );
}
