/** What a Service Search asks for: shared by the form (in the browser) and the client (on the server). */

/** How the person searches: Service Search v3 indexes each of these as its own field. */
export type ServiceSearchField = "name" | "ods" | "postcode";

/** Service Search's OrganisationTypeId codes for the kinds of service a referral goes to. */
export const SERVICE_TYPES = ["UCS", "GPB", "PHA", "TRU"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export interface ServiceSearchQuery {
  field: ServiceSearchField;
  /** Validated: letters, digits, spaces and a few punctuation marks only. */
  text: string;
  type: ServiceType | null;
}
