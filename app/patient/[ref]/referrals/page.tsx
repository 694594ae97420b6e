import type { Metadata } from "next";
import Link from "next/link";
import { UbrnForm } from "@/components/UbrnForm";
import { canUse } from "@/lib/access/policy";
import { content } from "@/lib/content";
import { formatUbrn } from "@/lib/format";
import { loadPatientPage } from "@/lib/patients/load-patient";
import { openReferralByUbrnAction } from "./actions";

const text = content.referrals;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function ReferralsPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  if (!canUse("view-referrals", data.role, data.session.assurance.authenticationLevel)) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        <p data-testid="source-not-permitted">{text.notPermitted}</p>
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
                <Link href={`/patient/${ref}/referrals/${referralRef}`}>{text.heading(formatUbrn(item.key))}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
