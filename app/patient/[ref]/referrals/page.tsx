import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { UbrnForm } from "@/components/UbrnForm";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatUbrn } from "@/lib/format";
import type { BarsReferralAction } from "@/lib/features/bars/session-slice";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { openReferralByUbrnAction } from "./actions";
import { paths } from "@/lib/routes";
import { withStaleSendSettled } from "@/lib/features/bars/bars-referrals";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.referrals;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

/** BaRS referrals started for this patient in this session, with where each stands. */
function BarsReferrals({ patientRef, actions }: { patientRef: string; actions: Array<[string, BarsReferralAction]> }) {
  return (
    <section aria-labelledby="bars-referrals" data-testid="bars-referrals">
      <h2 className="nhsuk-heading-m" id="bars-referrals">
        {content.refer.title}
      </h2>
      <p>{content.refer.lead}</p>
      <Link href={paths.refer(patientRef)} className="nhsuk-button nhsuk-button--secondary" draggable={false}>
        {content.refer.navigation}
      </Link>
      {actions.length ? (
        <>
          <h3 className="nhsuk-heading-s">{content.refer.sentList}</h3>
          <ul className="nhsuk-list" data-testid="bars-referral-list">
            {actions.map(([actionRef, action]) => (
              <li key={actionRef}>
                <Link href={paths.referralAction(patientRef, actionRef)}>{action.receiver.name}</Link>{" "}
                <strong className="nhsuk-tag nhsuk-tag--grey">{content.refer.states[action.state]}</strong>
                {action.sentAt ? <span className="nhsuk-body-s"> {formatDateTimeWithTime(new Date(action.sentAt))}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export default async function ReferralsPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const level = data.session.assurance.authenticationLevel;
  const bars = canUse("send-referrals", data.role, level) ? (
    <BarsReferrals
      patientRef={ref}
      actions={Object.entries(data.session.barsReferrals ?? {})
        .filter(([, action]) => action.patientRef === ref)
        .map(([actionRef, action]) => [actionRef, withStaleSendSettled(action)] as [string, BarsReferralAction])
        .sort(([, a], [, b]) => b.createdAt - a.createdAt)}
    />
  ) : null;
  if (!canUse("view-referrals", data.role, level)) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        <p data-testid="source-not-permitted">{text.notPermitted}</p>
        {bars}
      </>
    );
  }
  const opened = Object.entries(data.session.itemRefs ?? {}).filter(([, item]) => item.patientRef === ref && item.kind === "referral");
  return (
    <>
      <UbrnForm
        action={openReferralByUbrnAction}
        pageTitle={text.title}
        patientRef={ref}
        heading={
          <>
            <h2 className="nhsuk-heading-m">{text.title}</h2>
            <p>{text.lead}</p>
          </>
        }
      />
      {opened.length ? (
        <>
          <h3 className="nhsuk-heading-s">{text.openedHeading}</h3>
          <ul className="nhsuk-list" data-testid="opened-referrals">
            {opened.map(([referralRef, item]) => (
              <li key={referralRef}>
                <Link href={paths.referral(ref, referralRef)}>{text.heading(formatUbrn(item.key))}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {bars}
    </>
  );
}
