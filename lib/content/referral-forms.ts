/**
 * The referral forms' own text, kept apart from the rest of referrals.ts: the forms are client components, and
 * importing referrals.ts whole sent every referral, worklist and BaRS string to the browser on each Referrals
 * tab (about 3 kB gzipped). Part of the content module through referrals.ts, which builds on these.
 */

export const ubrnForm = {
  label: "UBRN",
  hint: "12 digits, for example 0000 0007 0001",
  open: "Open referral",
} as const;

export const serviceSearchForm = {
  title: "Refer or book",
  lead: "Send a referral to another service through the Booking and Referral Standard (BaRS). Find the service first: only services listed in the Directory of Services can receive BaRS referrals.",
  searchBy: "Search by",
  searchByOptions: { name: "Service name", ods: "ODS code", postcode: "Postcode" } as Record<"name" | "ods" | "postcode", string>,
  searchText: "Search for",
  searchTextHint: "For example Leeds, RX8UC or LS1 3EX",
  serviceType: "Type of service",
  serviceTypes: { any: "Any type", UCS: "Urgent care", GPB: "GP practice", PHA: "Pharmacy", TRU: "Hospital trust" } as Record<string, string>,
  search: "Search",
};

export const referralReasonForm = {
  reasonLabel: "Reason for referral",
  reasonHint: "What the receiving clinician needs to know: presenting problem, what has been done, and what you are asking for.",
  send: "Send referral",
  sending: "Sending…",
} as const;
