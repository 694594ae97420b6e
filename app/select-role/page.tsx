import type { Metadata } from "next";
import { Details } from "nhsuk-react-components";
import { RoleSelectionForm } from "@/app/select-role/_components/RoleSelectionForm";
import { isUsableRole } from "@/lib/access/policy";
import { requireSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatCis2RoleName } from "@/lib/format";

export const metadata: Metadata = { title: content.pageTitle(content.selectRole.title) };

export default async function SelectRolePage() {
  const session = await requireSession();
  const describe = (role: (typeof session.roles)[number]) => ({
    personRoleId: role.personRoleId,
    roleName: formatCis2RoleName(role.roleName),
    organisation: content.selectRole.roleOrganisation(role.orgName ?? role.orgCode, role.orgCode),
    selected: role.personRoleId === session.selectedRoleId,
  });
  const usable = session.roles.filter((role) => isUsableRole(role)).map(describe);
  const unusable = session.roles.filter((role) => !isUsableRole(role)).map(describe);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <RoleSelectionForm roles={usable} />
        {unusable.length > 0 ? (
          <Details>
            <Details.Summary>{content.selectRole.unusableSummary}</Details.Summary>
            <Details.Text>
              <p>{content.selectRole.unusableExplanation}</p>
              <ul data-testid="unusable-roles">
                {unusable.map((role) => (
                  <li key={role.personRoleId}>
                    {role.roleName}, {role.organisation}
                  </li>
                ))}
              </ul>
            </Details.Text>
          </Details>
        ) : null}
      </div>
    </div>
  );
}
