import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { identifier } from "../fhir/datatypes";

const odsOrganisationSchema = z.object({
  resourceType: z.literal("Organization"),
  id: z.string(),
  name: z.string().optional(),
  active: z.boolean().optional(),
  telecom: z.array(identifier).optional(),
  address: z.array(z.object({ line: z.array(z.string()).optional(), city: z.string().optional(), postalCode: z.string().optional() })).optional(),
});

export interface Organisation {
  odsCode: string;
  name: string;
  address: string | null;
  phone: string | null;
}

export type OrganisationLookup = { kind: "found"; organisation: Organisation } | { kind: "not-found" } | { kind: "failed"; failure: NhsFailure };

const CACHE_MILLISECONDS = 60 * 60 * 1000;
/** Far more organisations than a trust's records name in an hour; beyond it the oldest answer goes first. */
const MAX_CACHED = 5_000;

/** Reference data, not patient data: names change rarely, so lookups are cached per process for an hour. */
export class OdsClient {
  private readonly cache = new Map<string, { value: Organisation | null; at: number }>();

  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
    private readonly maxCached = MAX_CACHED,
  ) {}

  /** How many organisations are held: for tests. */
  get cachedCount(): number {
    return this.cache.size;
  }

  /** An answer expires after an hour, but is only dropped when asked again: so the cache is bounded as well. */
  private remember(key: string, value: Organisation | null) {
    this.cache.delete(key);
    this.cache.set(key, { value, at: Date.now() });
    while (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
  }

  async organisation(odsCode: string, context: NhsCallContext): Promise<OrganisationLookup> {
    const key = odsCode.toUpperCase();
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MILLISECONDS) {
      return cached.value ? { kind: "found", organisation: cached.value } : { kind: "not-found" };
    }
    if (!/^[A-Z0-9]{2,12}$/.test(key)) return { kind: "not-found" };
    const response = await this.client.call({
      api: "ods",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/Organization/${key}`,
      schema: odsOrganisationSchema,
      context,
    });
    if (response.kind === "ok") {
      const address = response.body.address?.[0];
      const organisation: Organisation = {
        odsCode: key,
        name: response.body.name ?? key,
        address: address ? [...(address.line ?? []), address.city, address.postalCode].filter(Boolean).join(", ") : null,
        phone: response.body.telecom?.find((entry) => entry.system === "phone")?.value ?? null,
      };
      this.remember(key, organisation);
      return { kind: "found", organisation };
    }
    if (response.kind === "operation-outcome" && response.status === 404) {
      this.remember(key, null);
      return { kind: "not-found" };
    }
    return { kind: "failed", failure: response };
  }
}
