import { SERVICE_TYPES } from "@/lib/nhs/service-search/query";

/** The referral forms' field ids and choices. Safe for client components: it imports no schema or text. */

export { SERVICE_TYPES };
export const SEARCH_FIELD_IDS = { field: "searchBy", text: "searchText", type: "serviceType" } as const;
export const REASON_FIELD_ID = "reason";
