import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { FailureCallout } from "@/components/FailureCallout";
import { WorklistFilterForm } from "@/app/worklists/_components/WorklistFilterForm";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate, formatNhsNumber, formatUbrn } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { itemRefsFor } from "@/lib/features/record/item-refs";
import { ersAccessFor } from "@/lib/features/referrals/referrals";
import { loadWorklist, readWorklistQuery, WORKLIST_OWNER, WORKLIST_PAGE_SIZE, worklistsFor } from "@/lib/features/referrals/worklists";
import { Table } from "@/components/Table";
import { paths } from "@/lib/routes";

const text = content.referrals.worklists;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function WorklistsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session, role } = await requireActingRole();
  if (!canUse("view-referrals", role, session.assurance.authenticationLevel)) forbidden();
  const access = await ersAccessFor(role, session);
  if (access.kind !== "ready") {
    return (
      <>
        <h1>{text.title}</h1>
        {access.kind === "failed" ? (
          <FailureCallout failure={describeFailure(access.failure)} />
        ) : (
          <p data-testid="no-ers-role">{content.referrals.noErsRole(role.orgName ?? role.orgCode)}</p>
        )}
      </>
    );
  }
  const allowed = worklistsFor(access.businessFunction);
  const { listType, page, filter } = readWorklistQuery(await searchParams, allowed);
  const loaded = await loadWorklist(session, role, access.businessFunction, listType, filter, page);
  const name = text.names[listType] ?? listType;
  const listHref = (candidate: string, extra: Record<string, string | undefined> = {}) => {
    const query = new URLSearchParams({ list: candidate });
    for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value);
    return `${paths.worklists()}?${query}`;
  };

  let body: React.ReactNode;
  if (loaded.kind === "unavailable") {
    body =
      loaded.outcome.kind === "failed" ? (
        <FailureCallout failure={describeFailure(loaded.outcome.failure)} />
      ) : (
        <p data-testid="worklist-refused">{text.refused}</p>
      );
  } else {
    const { outcome, pageItems, options, pages, current } = loaded;
    const refs = await itemRefsFor(
      session,
      WORKLIST_OWNER,
      "referral",
      pageItems.map((item) => item.ubrn),
    );
    const total = outcome.items.length;
    const from = (current - 1) * WORKLIST_PAGE_SIZE + 1;
    body = (
      <>
        <p className="nhsuk-body-s" data-testid="source-provenance">
          {content.patient.source("e-RS", formatDateTimeWithTime(outcome.retrievedAt))}.
        </p>
        <details className="nhsuk-details" open={Boolean(filter.specialty || filter.service || filter.clinician)}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{text.filters}</span>
          </summary>
          <div className="nhsuk-details__text">
            <WorklistFilterForm
              listType={listType}
              values={filter as Record<string, string | undefined>}
              specialties={options.specialties.map((value) => ({ value: value.code, label: value.display }))}
              services={options.services.map((value) => ({ value: value.id, label: value.name }))}
              clinicians={options.clinicians.map((value) => ({ value: value.id, label: value.id }))}
            />
          </div>
        </details>
        {total === 0 ? (
          <p data-testid="worklist-empty">{text.none}</p>
        ) : (
          <>
            <p data-testid="worklist-count">{text.count(from, from + pageItems.length - 1, total)}</p>
            <Table caption={text.caption(name)} headings={text.headings} testId="worklist-table">
              {pageItems.map((item) => (
                <tr key={item.ubrn} className="nhsuk-table__row" data-testid="worklist-row">
                  <td className="nhsuk-table__cell">
                    {formatFhirDate((item.pathwayStart ?? item.referredOn)?.slice(0, 10)) ?? content.prescriptions.detail.notRecorded}
                  </td>
                  <td className="nhsuk-table__cell">{item.priority ? (content.referrals.priorities[item.priority] ?? item.priority) : ""}</td>
                  <td className="nhsuk-table__cell app-nowrap">{item.patientNhsNumber ? formatNhsNumber(item.patientNhsNumber) : content.patient.notKnown}</td>
                  <td className="nhsuk-table__cell">
                    {item.specialty?.display}
                    {item.service ? (
                      <>
                        <br />
                        <span className="nhsuk-body-s">{item.service.name}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">{item.clinician?.id ?? text.unallocated}</td>
                  <td className="nhsuk-table__cell">{item.reviewStatus ? (text.reviewStatuses[item.reviewStatus] ?? item.reviewStatus) : ""}</td>
                  <td className="nhsuk-table__cell">
                    <Link href={paths.worklistItem(refs.get(item.ubrn)!)} aria-label={text.open(formatUbrn(item.ubrn))}>
                      {formatUbrn(item.ubrn)}
                    </Link>
                  </td>
                </tr>
              ))}
            </Table>
            {pages > 1 ? (
              <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
                <ul className="nhsuk-list nhsuk-pagination__list">
                  {current > 1 ? (
                    <li className="nhsuk-pagination-item--previous">
                      <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" href={listHref(listType, { ...filter, page: String(current - 1) })}>
                        <span className="nhsuk-pagination__title">{text.previous}</span>
                      </Link>
                    </li>
                  ) : null}
                  {current < pages ? (
                    <li className="nhsuk-pagination-item--next">
                      <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" href={listHref(listType, { ...filter, page: String(current + 1) })}>
                        <span className="nhsuk-pagination__title">{text.next}</span>
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
          </>
        )}
      </>
    );
  }

  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead(access.role.organisationName ?? access.role.odsCode, text.businessFunctions[access.businessFunction] ?? access.businessFunction)}</p>
      <nav className="app-sub-navigation" aria-label={text.listNavigation}>
        <ul className="app-sub-navigation__list">
          {allowed.map((candidate) => (
            <li key={candidate} className="app-sub-navigation__item">
              <Link href={listHref(candidate)} className="app-sub-navigation__link" aria-current={candidate === listType ? "page" : undefined}>
                {text.names[candidate] ?? candidate}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="nhsuk-heading-m">{name}</h2>
      {body}
    </>
  );
}
