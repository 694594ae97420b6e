import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { findByUbrnAction } from "@/app/patient/[ref]/referrals/actions";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import { UbrnForm } from "@/components/UbrnForm";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

const text = content.referrals;

export const metadata: Metadata = { title: content.pageTitle(text.findTitle) };

export default async function FindByUbrnPage() {
  const { session, role } = await requireActingRole();
  if (!canUse("view-referrals", role, session.assurance.authenticationLevel)) forbidden();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <UbrnForm
          action={findByUbrnAction}
          pageTitle={text.findTitle}
          heading={
            <>
              <h1>{text.findTitle}</h1>
              <SearchModeNavigation current={paths.findByUbrn()} />
            </>
          }
        />
      </div>
    </div>
  );
}
