import type { Metadata } from "next";
import { FailureCallout } from "@/components/FailureCallout";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import { ServiceSearchForm } from "@/app/patient/[ref]/referrals/refer/_components/ServiceSearchForm";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { formatDateTimeWithTime } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { testReceivers } from "@/lib/features/bars/bars-referrals";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { chooseReceiverAction } from "./actions";
import { BackToReferrals } from "@/app/patient/[ref]/referrals/_components/BackToReferrals";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.refer;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

function ChooseButton({ patientRef, choice, name }: { patientRef: string; choice: string; name: string }) {
  return (
    <form action={chooseReceiverAction}>
      <input type="hidden" name="patientRef" value={patientRef} />
      <input type="hidden" name="choice" value={choice} />
      <PendingSubmitButton pendingText={text.choose(name)} secondary>
        {text.choose(name)}
      </PendingSubmitButton>
    </form>
  );
}

export default async function ReferPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const back = <BackToReferrals patientRef={ref} />;
  if (!canUse("send-referrals", data.role, data.session.assurance.authenticationLevel)) {
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        <p data-testid="source-not-permitted">{text.notPermitted}</p>
      </>
    );
  }
  const patient = data.outcome.kind === "found" || data.outcome.kind === "superseded" ? data.outcome.patient : null;
  if (patient?.deceased) {
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        <p data-testid="patient-deceased">{text.deceased}</p>
      </>
    );
  }
  const search = data.session.referralServiceSearch?.patientRef === ref ? data.session.referralServiceSearch : null;
  const tests = testReceivers();
  return (
    <>
      {back}
      <ServiceSearchForm patientRef={ref} previous={search?.form ?? {}} />
      {search ? (
        <section aria-labelledby="services-found" data-testid="service-results">
          <h2 className="nhsuk-heading-m" id="services-found">
            {text.resultsHeading}
          </h2>
          {search.outcome.kind === "failed" ? (
            <FailureCallout failure={describeFailure(search.outcome.failure)} />
          ) : (
            <>
              <p className="nhsuk-body-s" data-testid="source-provenance">
                {text.searchedAt(formatDateTimeWithTime(new Date(search.at)))}.{" "}
                {search.outcome.choices.length ? text.resultsCount(search.outcome.choices.length, search.outcome.total) : null}
              </p>
              {search.outcome.choices.length === 0 ? <p data-testid="no-services">{text.noResults}</p> : null}
              <ul className="nhsuk-list">
                {search.outcome.choices.map((choice) => (
                  <li key={choice.token} className="nhsuk-card" data-testid="service-result">
                    <div className="nhsuk-card__content">
                      <h3 className="nhsuk-card__heading nhsuk-heading-s">{choice.name}</h3>
                      <SummaryList>
                        <SummaryRow label={text.odsCode}>{choice.odsCode ?? ""}</SummaryRow>
                        <SummaryRow label={text.serviceType}>{choice.typeName}</SummaryRow>
                        <SummaryRow label={text.address}>{choice.address ?? content.prescriptions.detail.notRecorded}</SummaryRow>
                        <SummaryRow label={text.phone}>{choice.phone ?? content.prescriptions.detail.notRecorded}</SummaryRow>
                        <SummaryRow label={text.dosId}>{choice.dosServiceId ?? content.prescriptions.detail.notRecorded}</SummaryRow>
                      </SummaryList>
                      {choice.dosServiceId ? (
                        <ChooseButton patientRef={ref} choice={choice.token} name={choice.name} />
                      ) : (
                        <p className="nhsuk-body-s">{text.cannotReceive}</p>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
      {tests.length ? (
        <section aria-labelledby="test-receivers" data-testid="test-receivers">
          <h2 className="nhsuk-heading-m" id="test-receivers">
            {text.testTargetsHeading}
          </h2>
          <p>{text.testTargetsLead}</p>
          <ul className="nhsuk-list">
            {tests.map((receiver) => (
              <li key={receiver.testTarget}>
                <ChooseButton patientRef={ref} choice={receiver.testTarget!} name={receiver.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
