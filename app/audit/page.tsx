import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AuditFilterForm } from "@/app/audit/_components/AuditFilterForm";
import { canUse } from "@/lib/access/policy";
import { AUDIT_LIMIT, validateAuditFilter } from "@/lib/features/audit-review/filter-form";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatCis2RoleName, formatDateTimeWithTime, formatNhsNumber } from "@/lib/format";
import { isNarrowed, reviewAudit, reviewScopeOf } from "@/lib/features/audit-review/review";
import { Table, TableScroll } from "@/components/Table";
import { paths } from "@/lib/routes";

export const metadata: Metadata = { title: content.pageTitle(content.audit.title) };

const text = content.audit;

/** The Privacy Officer's view of who accessed which patient, why, and what came back. 403 for everyone else. */
export default async function AuditPage() {
  const { session, role } = await requireActingRole();
  if (!canUse("review-audit", role, session.assurance.authenticationLevel)) forbidden();
  const saved = session.auditFilter ?? {};
  const validated = validateAuditFilter(saved);
  const entries = validated.kind === "valid" ? await reviewAudit(session, role, validated.filter, "view") : [];
  const organisations = reviewScopeOf(role)
    .map((code) => (code === role.orgCode && role.orgName ? `${role.orgName} (${code})` : code))
    .join(", ");

  return (
    <>
      <AuditFilterForm initialValues={saved} />
      <p data-testid="audit-scope">{text.scope(organisations)}</p>
      {validated.kind === "valid" && isNarrowed(validated.filter) ? (
        <form method="post" action={paths.auditExport()} className="nhsuk-u-margin-bottom-5">
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button">
            {text.export}
          </button>
        </form>
      ) : (
        <p data-testid="audit-export-needs-filter">{text.exportNeedsFilter}</p>
      )}
      <p data-testid="audit-count">{entries.length ? text.count(entries.length, AUDIT_LIMIT) : text.none}</p>
      {entries.length ? (
        <TableScroll label={text.caption}>
          <Table caption={text.caption} headings={text.headings} testId="audit-entries">
            {entries.map((entry) => {
              const alerted = entry.basisOfAccess === "self-claimed-relationship" || entry.basisOfAccess === "emergency-access";
              return (
                <tr key={entry.id} className={`nhsuk-table__row${alerted ? " app-audit-alert" : ""}`} data-testid="audit-entry">
                  <td className="nhsuk-table__cell">{formatDateTimeWithTime(entry.occurredAt)}</td>
                  <td className="nhsuk-table__cell">
                    {entry.userName}
                    <br />
                    <span className="nhsuk-body-s">{entry.userId}</span>
                  </td>
                  <td className="nhsuk-table__cell">
                    {formatCis2RoleName(entry.roleName)}, {entry.orgCode}
                  </td>
                  <td className="nhsuk-table__cell">{text.actions[entry.action] ?? entry.action}</td>
                  <td className="nhsuk-table__cell nhsuk-u-nowrap">{entry.patientNhsNumber ? formatNhsNumber(entry.patientNhsNumber) : text.noPatient}</td>
                  <td className="nhsuk-table__cell">
                    {alerted ? <strong className="nhsuk-tag nhsuk-tag--red">{text.privacyAlert}</strong> : null}{" "}
                    {entry.basisOfAccess
                      ? (content.scr.basis.options[entry.basisOfAccess as keyof typeof content.scr.basis.options]?.label ?? entry.basisOfAccess)
                      : null}
                    {entry.reason ? (
                      <>
                        <br />
                        {entry.reason}
                      </>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">{text.outcomes[entry.outcome] ?? entry.outcome}</td>
                  <td className="nhsuk-table__cell">
                    <code className="nhsuk-body-s">{entry.upstreamRequestId ?? ""}</code>
                  </td>
                </tr>
              );
            })}
          </Table>
        </TableScroll>
      ) : null}
    </>
  );
}
