import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { bundleOf, identifier } from "../fhir/datatypes";

const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const INTERACTION_SYSTEM = "https://fhir.nhs.uk/Id/nhsServiceInteractionId";
const PARTY_KEY_SYSTEM = "https://fhir.nhs.uk/Id/nhsMhsPartyKey";
const ASID_SYSTEM = "https://fhir.nhs.uk/Id/nhsSpineASID";

/** GP Connect Access Record: Structured's interaction id, as SDS and the SSP name it. */
export const GET_STRUCTURED_RECORD_INTERACTION = "urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1";

const endpointBundleSchema = bundleOf(
  z
    .object({
      resourceType: z.literal("Endpoint"),
      status: z.string().optional(),
      address: z.string().optional(),
      identifier: z.array(identifier).optional(),
    })
    .loose(),
);

const deviceBundleSchema = bundleOf(
  z
    .object({
      resourceType: z.literal("Device"),
      identifier: z.array(identifier).optional(),
    })
    .loose(),
);

/** Where a practice offers an interaction: its service root (the FHIR base), party key and ASID. */
export interface ProviderEndpoint {
  odsCode: string;
  address: string;
  partyKey: string;
  asid: string;
}

export type EndpointLookup =
  | { kind: "found"; endpoint: ProviderEndpoint; requestIds: string[] }
  /** SDS holds no endpoint (or no accredited system) for this interaction at this organisation. */
  | { kind: "not-offered"; requestIds: string[] }
  | { kind: "failed"; failure: NhsFailure };

const valueOf = (identifiers: Array<{ system?: string; value?: string }> | undefined, system: string) =>
  identifiers?.find((entry) => entry.system === system)?.value;

/**
 * The Spine Directory Service's FHIR API (API key): `/Endpoint` gives a practice's address and party key for an
 * interaction, then `/Device` with that party key gives the ASID the SSP routes to. Nothing about a patient is
 * sent. The spec says to cache per patient encounter and never across patients, so this client keeps nothing:
 * the feature caches for one page view.
 */
export class SdsClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  async endpointFor(odsCode: string, interaction: string, context: NhsCallContext): Promise<EndpointLookup> {
    const organisation = `${ODS_SYSTEM}|${odsCode.toUpperCase()}`;
    const endpoints = await this.client.call({
      api: "sds",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/Endpoint",
      query: new URLSearchParams([
        ["organization", organisation],
        ["identifier", `${INTERACTION_SYSTEM}|${interaction}`],
      ]),
      schema: endpointBundleSchema,
      context,
    });
    if (endpoints.kind !== "ok") return { kind: "failed", failure: endpoints };
    const active = (endpoints.body.entry ?? [])
      .map((entry) => entry.resource)
      .filter((endpoint) => endpoint.status === undefined || endpoint.status === "active");
    const endpoint = active.find((candidate) => candidate.address && valueOf(candidate.identifier, PARTY_KEY_SYSTEM));
    if (!endpoint) return { kind: "not-offered", requestIds: [endpoints.requestId] };
    const partyKey = valueOf(endpoint.identifier, PARTY_KEY_SYSTEM)!;

    const devices = await this.client.call({
      api: "sds",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/Device",
      query: new URLSearchParams([
        ["organization", organisation],
        ["identifier", `${INTERACTION_SYSTEM}|${interaction}`],
        ["identifier", `${PARTY_KEY_SYSTEM}|${partyKey}`],
      ]),
      schema: deviceBundleSchema,
      context,
    });
    if (devices.kind !== "ok") return { kind: "failed", failure: devices };
    const requestIds = [endpoints.requestId, devices.requestId];
    const asids = [...new Set((devices.body.entry ?? []).map((entry) => valueOf(entry.resource.identifier, ASID_SYSTEM)).filter(Boolean))];
    // no accredited system, or more than one for one party key: the SSP could not be told where to go
    if (asids.length !== 1) return { kind: "not-offered", requestIds };
    return { kind: "found", endpoint: { odsCode: odsCode.toUpperCase(), address: endpoint.address!, partyKey, asid: asids[0]! }, requestIds };
  }
}
