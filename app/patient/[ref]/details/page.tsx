import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate, formatNhsNumber, formatPatientName } from "@/lib/format";
import type { Period } from "@/lib/nhs/pds/client";
import { confirmedPatientPage } from "@/lib/features/record/load-patient";
import { organisationNames, type OrganisationDisplay } from "@/lib/features/record/organisations";
import { relatedPeopleShown } from "@/lib/features/record/related-people";
import { loadRelatedPeople } from "@/lib/features/record/load-related-people";
import { paths } from "@/lib/routes";
import { SummaryList } from "@/components/SummaryList";

export const metadata: Metadata = { title: content.pageTitle(content.patient.sections.details) };

const text = content.patient.details;

function period(value: Period | null): string | null {
  if (!value) return null;
  const start = formatFhirDate(value.start);
  const end = formatFhirDate(value.end);
  if (start && end) return `${text.from} ${start} ${text.until} ${end}`;
  if (start) return `${text.since} ${start}`;
  if (end) return `${text.until} ${end}`;
  return null;
}

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="nhsuk-card" data-testid={testId}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">{title}</h3>
        {children}
      </div>
    </div>
  );
}

function Row({ label, value, note }: { label: string; value: React.ReactNode; note?: string | null }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">
        {value}
        {note ? <span className="app-source-note"> ({note})</span> : null}
      </dd>
    </div>
  );
}

/** An organisation as the record names it: its name, then its address and phone where ODS gave them. */
function OrganisationLines({ organisation }: { organisation: OrganisationDisplay }) {
  return (
    <>
      {organisation.label}
      {[organisation.organisation?.address, organisation.organisation?.phone].filter(Boolean).map((line) => (
        <span key={line}>
          <br />
          {line}
        </span>
      ))}
    </>
  );
}

export default async function PatientDetailsPage({ params, searchParams }: { params: Promise<{ ref: string }>; searchParams: Promise<{ updated?: string }> }) {
  const { ref } = await params;
  const { updated } = await searchParams;
  const confirmed = await confirmedPatientPage(ref);
  if (!confirmed) return null;
  const { patient, retrievedAt, session, role } = confirmed;

  const [organisations, related] = await Promise.all([
    organisationNames([patient.gpOdsCode, patient.nominatedPharmacyOdsCode], role, session),
    loadRelatedPeople({ session, role }, patient.nhsNumber),
  ]);
  const canAmend = canUse("amend-demographics", role, session.assurance.authenticationLevel) && !patient.restricted;
  const gp = patient.gpOdsCode ? organisations.get(patient.gpOdsCode) : undefined;
  const pharmacy = patient.nominatedPharmacyOdsCode ? organisations.get(patient.nominatedPharmacyOdsCode) : undefined;

  return (
    <>
      {updated && /^\d{1,6}$/.test(updated) ? (
        <div className="nhsuk-inset-text" role="status" data-testid="update-confirmation">
          <p>{content.patient.updateContact.saved(updated)}</p>
        </div>
      ) : null}
      <h2 className="nhsuk-heading-m">{content.patient.sections.details}</h2>

      <Card title={text.names} testId="details-names">
        <SummaryList>
          {patient.names.map((name, index) => (
            <Row
              key={name.id ?? index}
              label={text.nameUses[name.use ?? ""] ?? name.use ?? content.patient.notKnown}
              value={[name.prefix?.join(" "), formatPatientName(name), name.suffix?.join(" ")].filter(Boolean).join(" ")}
              note={period(name.period)}
            />
          ))}
        </SummaryList>
      </Card>

      {patient.restricted ? null : (
        <>
          <Card title={text.addresses} testId="details-addresses">
            <SummaryList>
              {patient.addresses.length === 0 ? <Row label={text.addresses} value={content.patient.notKnown} /> : null}
              {patient.addresses.map((address, index) => (
                <Row
                  key={address.id ?? index}
                  label={text.addressUses[address.use ?? ""] ?? address.use ?? text.addresses}
                  value={
                    <>
                      {address.description ? (
                        <>
                          {address.description}
                          <br />
                        </>
                      ) : null}
                      {[...address.lines, address.postalCode].filter(Boolean).map((line, lineIndex) => (
                        <span key={lineIndex}>
                          {line}
                          <br />
                        </span>
                      ))}
                    </>
                  }
                  note={period(address.period)}
                />
              ))}
            </SummaryList>
          </Card>

          <Card title={text.contact} testId="details-contact">
            <SummaryList>
              {patient.telecom.length === 0 ? <Row label={text.contact} value={text.noContact} /> : null}
              {patient.telecom.map((entry, index) => (
                <Row
                  key={entry.id ?? index}
                  label={text.telecomLabels[`${entry.system}:${entry.use}`] ?? text.telecomLabels[entry.system === "email" ? "email:home" : "other"]}
                  value={<span className="nhsuk-u-nowrap">{entry.value}</span>}
                  note={period(entry.period)}
                />
              ))}
            </SummaryList>
            {canAmend ? (
              <p>
                <Link href={paths.contactDetails(ref)}>{content.patient.updateContact.link}</Link>
              </p>
            ) : null}
          </Card>

          <Card title={text.care} testId="details-care">
            <SummaryList>
              <Row label={text.gp} value={gp ? <OrganisationLines organisation={gp} /> : content.patient.notKnown} />
              <Row label={text.pharmacy} value={pharmacy ? <OrganisationLines organisation={pharmacy} /> : text.noPharmacy} />
            </SummaryList>
          </Card>
        </>
      )}

      <Card title={text.communication} testId="details-communication">
        <SummaryList>
          <Row label={text.language} value={patient.communication?.language ?? text.noCommunication} />
          <Row label={text.interpreter} value={patient.communication?.interpreterRequired ? text.yes : text.no} />
        </SummaryList>
      </Card>

      <Card title={text.relatedPeople} testId="details-related">
        {related.kind === "failed" ? (
          <p>
            {text.relatedPeopleUnavailable} {content.upstream.reference}: {related.failure.requestId}
          </p>
        ) : related.people.length === 0 ? (
          <p>{text.noRelatedPeople}</p>
        ) : (
          <>
            {patient.restricted ? (
              <p data-testid="related-restricted">
                <strong className="nhsuk-tag nhsuk-tag--orange">{content.patient.restricted}</strong> {text.relatedPeopleRestricted}
              </p>
            ) : null}
            <SummaryList>
              {relatedPeopleShown(related.people, patient.restricted).map((person, index) => (
                <Row
                  key={index}
                  label={person.relationship ?? text.relationship}
                  value={
                    <>
                      {formatPatientName(person.name) ?? content.patient.nameNotKnown}
                      {person.nhsNumber ? (
                        <>
                          , <span className="nhsuk-u-nowrap">{formatNhsNumber(person.nhsNumber)}</span>
                        </>
                      ) : null}
                      {person.phone ? (
                        <>
                          <br />
                          {text.phone}: {person.phone}
                        </>
                      ) : null}
                      {person.address ? (
                        <>
                          <br />
                          {person.address}
                        </>
                      ) : null}
                    </>
                  }
                />
              ))}
            </SummaryList>
          </>
        )}
      </Card>

      <Card title={text.record} testId="details-record">
        <SummaryList>
          <Row label={text.version} value={<span data-testid="record-version">{patient.versionId ?? content.patient.notKnown}</span>} />
          <Row label={text.lastChanged} value={patient.lastUpdated ? formatDateTimeWithTime(patient.lastUpdated) : text.lastChangedUnknown} />
          <Row label={text.retrieved} value={formatDateTimeWithTime(retrievedAt)} />
        </SummaryList>
      </Card>
    </>
  );
}
