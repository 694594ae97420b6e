import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { NhsNumberSearchForm } from "@/app/find-patient/_components/NhsNumberSearchForm";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatFhirDate, formatNhsNumber } from "@/lib/format";
import { paths } from "@/lib/routes";

export const metadata: Metadata = { title: content.pageTitle(content.findPatient.title) };

export default async function FindPatientPage() {
  const { session, role } = await requireActingRole();
  if (!canUse("find-patient", role, session.assurance.authenticationLevel)) forbidden();
  const recent = session.recentPatients ?? [];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <NhsNumberSearchForm navigation={<SearchModeNavigation current={paths.findPatient()} />} />
      </div>
      {recent.length > 0 ? (
        <div className="nhsuk-grid-column-one-third">
          <section aria-labelledby="recent-patients" className="app-recent-patients" data-testid="recent-patients">
            <h2 className="nhsuk-heading-s" id="recent-patients">
              {content.findPatient.recentPatients}
            </h2>
            <p className="nhsuk-body-s">{content.findPatient.recentPatientsHint}</p>
            <ul className="nhsuk-list">
              {recent.map((entry) => (
                <li key={entry.ref}>
                  <Link href={paths.record(entry.ref)}>{entry.name || content.patient.nameNotKnown}</Link>
                  <br />
                  <span className="nhsuk-body-s">
                    <span className="nhsuk-u-nowrap">{formatNhsNumber(entry.nhsNumber)}</span>
                    {entry.birthDate ? `, born ${formatFhirDate(entry.birthDate)}` : null}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
    </div>
  );
}
