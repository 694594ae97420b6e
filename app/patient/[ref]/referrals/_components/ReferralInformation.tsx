import { NhsWebsiteDetails } from "@/components/NhsWebsiteContent";
import * as content from "@/lib/content";
import { referralInformation, specialtyInformation } from "@/lib/features/nhs-website/information";

const text = content.nhsWebsite;

/** NHS.UK's page on what happens after a referral, shown with every referral; streamed, so NHS.UK never holds up the referral. */
export async function ReferralInformation() {
  const information = await referralInformation();
  if (information.kind === "page")
    return <NhsWebsiteDetails summary={text.aboutReferral(information.page.title)} page={information.page} testId="referral-information" />;
  return (
    <p className="nhsuk-body-s" data-testid="referral-information-none">
      {information.kind === "failed" ? text.notAvailable(information.failure.requestId) : text.noReferralPage}
    </p>
  );
}

/** NHS.UK's page about the specialty's one test or treatment, where one is curated; otherwise says there is none. */
export async function SpecialtyInformation({ specialtyCode, specialty }: { specialtyCode: string | null; specialty: string | null }) {
  const information = await specialtyInformation(specialtyCode);
  if (information.kind === "page")
    return <NhsWebsiteDetails summary={text.aboutSpecialty(information.page.title)} page={information.page} testId="specialty-information" />;
  return (
    <p className="nhsuk-body-s" data-testid="specialty-information-none">
      {information.kind === "failed" ? text.notAvailable(information.failure.requestId) : text.noSpecialtyPage(specialty)}
    </p>
  );
}
