import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import type { ServiceSearchField, ServiceSearchQuery } from "./query";

export interface DirectoryService {
  odsCode: string;
  name: string;
  typeName: string;
  address: string | null;
  phone: string | null;
  /** The Directory of Services id, which BaRS addresses receivers by; null when the service has none. */
  dosServiceId: string | null;
}

export type ServiceSearchResult =
  | { kind: "found"; services: DirectoryService[]; total: number; requestId: string; retrievedAt: Date }
  | { kind: "failed"; failure: NhsFailure };

const RESULTS_PER_SEARCH = 20;

const organisationSchema = z
  .object({
    ODSCode: z.string(),
    OrganisationName: z.string(),
    OrganisationType: z.string().nullish(),
    Address1: z.string().nullish(),
    Address2: z.string().nullish(),
    Address3: z.string().nullish(),
    City: z.string().nullish(),
    Postcode: z.string().nullish(),
    Contacts: z.array(z.object({ ContactMethodType: z.string().nullish(), ContactValue: z.string().nullish() }).loose()).nullish(),
    Services: z.array(z.object({ KeyValueData: z.array(z.object({ Key: z.string(), Value: z.string() })).nullish() }).loose()).nullish(),
  })
  .loose();

const searchResponseSchema = z.object({ "@odata.count": z.number().optional(), value: z.array(organisationSchema) }).loose();

const SEARCH_FIELD: Record<ServiceSearchField, string> = { name: "OrganisationName", ods: "ODSCode", postcode: "Postcode" };

function toService(record: z.infer<typeof organisationSchema>): DirectoryService {
  const address = [record.Address1, record.Address2, record.Address3, record.City, record.Postcode].filter(Boolean).join(", ");
  const dosServiceId = record.Services?.flatMap((service) => service.KeyValueData ?? []).find((entry) => entry.Key === "DoSServiceId")?.Value ?? null;
  return {
    odsCode: record.ODSCode,
    name: record.OrganisationName,
    typeName: record.OrganisationType ?? "",
    address: address || null,
    phone: record.Contacts?.find((contact) => contact.ContactMethodType === "Telephone")?.ContactValue ?? null,
    dosServiceId: dosServiceId && /^\d{1,12}$/.test(dosServiceId) ? dosServiceId : null,
  };
}

/** Directory of Healthcare Services (Service Search v3): reference data, not patient data. */
export class ServiceSearchClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  async search(query: ServiceSearchQuery, context: NhsCallContext): Promise<ServiceSearchResult> {
    const params = new URLSearchParams({ "api-version": "3", $top: String(RESULTS_PER_SEARCH), $count: "true" });
    const filters: string[] = [];
    if (query.field === "postcode") {
      // postcodes are matched from the start, with or without the space, as people type them
      params.set("search", "*");
      filters.push(`search.ismatch('${query.text.replace(/\s/g, "").toUpperCase()}', 'Postcode')`);
    } else {
      params.set("search", query.text);
      params.set("searchFields", SEARCH_FIELD[query.field]);
    }
    if (query.type) filters.push(`OrganisationTypeId eq '${query.type}'`);
    if (filters.length) params.set("$filter", filters.join(" and "));
    const response = await this.client.call({
      api: "service-search",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/",
      query: params,
      headers: { accept: "application/json" },
      schema: searchResponseSchema,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    return {
      kind: "found",
      services: response.body.value.map(toService),
      total: response.body["@odata.count"] ?? response.body.value.length,
      requestId: response.requestId,
      retrievedAt: response.receivedAt,
    };
  }
}
