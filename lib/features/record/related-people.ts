import type { PersonName } from "@/lib/format";
import type { RelatedPersonSummary } from "@/lib/nhs/pds/client";

/** What the Related people card may show of one person. */
export interface RelatedPersonShown {
  name: PersonName | null;
  relationship: string | null;
  nhsNumber: string | null;
  phone: string | null;
  address: string | null;
}

/**
 * The related people as the card may show them. For a patient whose record is restricted (S), a related
 * person's address, phone number and NHS number can lead to where the patient lives, so only their name and
 * relationship are kept: withheld here, on the server, before anything reaches a page.
 */
export function relatedPeopleShown(people: readonly RelatedPersonSummary[], patientRestricted: boolean): RelatedPersonShown[] {
  return people.map((person) =>
    patientRestricted
      ? { name: person.name, relationship: person.relationship, nhsNumber: null, phone: null, address: null }
      : { name: person.name, relationship: person.relationship, nhsNumber: person.nhsNumber, phone: person.phone, address: person.address },
  );
}
