import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { redirect } from "next/navigation";
import { FailureCallout } from "@/components/FailureCallout";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import { itemKeyFor, itemRefsAfterChange } from "@/lib/features/record/item-refs";
import { referencesFor } from "@/lib/features/record/patient-context";
import { ubrnFormStateFor } from "@/lib/features/referrals/referral-search";
import { readReferralAudited } from "@/lib/features/referrals/referrals";
import { retrievePatientAudited } from "@/lib/features/record/retrieve-patient";
import { WORKLIST_OWNER } from "@/lib/features/referrals/worklists";
import { paths } from "@/lib/routes";

const text = content.referrals.worklists;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

/** Opens a worklist item in its patient's record: the referral names the patient and PDS confirms them. */
export default async function OpenWorklistItemPage({ params }: { params: Promise<{ itemRef: string }> }) {
  const { itemRef } = await params;
  const { session, role } = await requireActingRole();
  const ubrn = canUse("view-referrals", role, session.assurance.authenticationLevel) ? itemKeyFor(session, WORKLIST_OWNER, "referral", itemRef) : null;
  let problem: React.ReactNode = <p>{content.referrals.unknown}</p>;
  if (ubrn) {
    const lookup = await readReferralAudited(session, role, ubrn, null);
    if (lookup.kind === "found" && lookup.referral.patientNhsNumber) {
      const patient = await retrievePatientAudited(session, role, lookup.referral.patientNhsNumber, "patient-search");
      if (patient.kind === "found" || patient.kind === "superseded") {
        const ref = (await referencesFor(session.id, [patient.patient.nhsNumber]))[patient.patient.nhsNumber]!;
        const refs = await itemRefsAfterChange(session, ref, "referral", [ubrn]);
        redirect(paths.referral(ref, refs.get(ubrn)!));
      }
      problem = patient.kind === "failed" ? <FailureCallout failure={describeFailure(patient.failure)} /> : <p>{content.referrals.patientNotFound}</p>;
    } else if (lookup.kind !== "found") {
      const state = ubrnFormStateFor(lookup, ubrn, ubrn, role.orgName ?? role.orgCode);
      problem = state.status === "failed" ? <FailureCallout failure={state.failure} /> : state.status === "message" ? <p>{state.message}</p> : null;
    }
  }
  return (
    <>
      <h1>{text.openFailed}</h1>
      <div data-testid="worklist-open-problem">{problem}</div>
      <p>
        <Link href={paths.worklists()}>{text.title}</Link>
      </p>
    </>
  );
}
