import { NhsWebsiteDetails } from "@/components/NhsWebsiteContent";
import Link from "@/components/NoPrefetchLink";
import { requireActingRole } from "@/lib/auth/session";
import { canMessagePatients } from "@/lib/features/patient-messages/messages";
import { paths } from "@/lib/routes";
import * as content from "@/lib/content";
import { medicineInformation, vaccinationInformation } from "@/lib/features/nhs-website/information";

const text = content.nhsWebsite;

/** NHS.UK's page about one prescribed medicine, or why there is none; streamed, so a slow NHS.UK never holds up the prescription. */
export async function MedicineInformation({ name }: { name: string }) {
  const information = await medicineInformation(name);
  if (information.kind === "page") return <NhsWebsiteDetails summary={text.aboutMedicine(name)} page={information.page} testId="medicine-information" />;
  return (
    <p className="nhsuk-body-s" data-testid="medicine-information-none">
      <strong>{text.aboutMedicine(name)}</strong>
      <br />
      {information.kind === "failed" ? text.notAvailable(information.failure.requestId) : text.noPage(name)}
    </p>
  );
}

/** NHS.UK's page about a vaccine type, beside a vaccination. */
export async function VaccinationInformation({ vaccineType, name }: { vaccineType: string; name: string }) {
  const information = await vaccinationInformation(vaccineType);
  if (information.kind === "page")
    return <NhsWebsiteDetails summary={text.aboutVaccination(information.page.title)} page={information.page} testId="vaccination-information" />;
  return (
    <p className="nhsuk-body-s" data-testid="vaccination-information-none">
      {information.kind === "failed" ? text.notAvailable(information.failure.requestId) : text.noPage(name)}
    </p>
  );
}

/** Where to send NHS.UK's page (or a message about this care) to the patient's NHS App, for a role that may. */
export async function SendToNhsAppLink({ patientRef }: { patientRef: string }) {
  const { session, role } = await requireActingRole();
  return (
    <p>
      <Link href={paths.nhsWebsiteConditions()} data-testid="conditions-link">
        {content.nhsWebsite.conditions.title}
      </Link>
      {canMessagePatients(session, role) ? (
        <>
          <br />
          <Link href={paths.patientMessages(patientRef)} data-testid="messages-link">
            {content.patientMessages.start}
          </Link>
        </>
      ) : null}
    </p>
  );
}
