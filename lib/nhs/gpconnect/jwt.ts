/**
 * GP Connect's audit and provenance token: an unsecured JWT (alg none, no signature) carrying who asks, from
 * which organisation and system, for what purpose. The SSP and the provider check every claim; `exp` must be
 * exactly `iat` + 300. Reference: reference/next-apis.md 1.2 (integration_cross_organisation_audit_and_provenance).
 */

export const JWT_LIFETIME_SECONDS = 300;

export interface GpConnectRequester {
  /** The CIS2 user's SDS user id (uid). */
  sdsUserId: string;
  /** The selected role's SDS role profile id (person_roleid). */
  sdsRoleProfileId: string;
  /** The user's name as CIS2 gives it: family last. */
  name: { family: string; given: string[] };
  organisation: { odsCode: string; name: string };
}

export interface RequestingDevice {
  /** Where this service is reached: the JWT's iss. */
  issuer: string;
  model: string;
  version: string;
}

export interface GpConnectClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  reason_for_request: "directcare";
  requested_scope: "patient/*.read";
  requesting_device: { resourceType: "Device"; identifier: Array<{ system: string; value: string }>; model: string; version: string };
  requesting_organization: { resourceType: "Organization"; identifier: Array<{ system: string; value: string }>; name: string };
  requesting_practitioner: {
    resourceType: "Practitioner";
    id: string;
    identifier: Array<{ system: string; value: string }>;
    name: Array<{ family: string; given: string[] }>;
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function gpConnectClaims(requester: GpConnectRequester, device: RequestingDevice, audience: string, now: Date): GpConnectClaims {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: device.issuer,
    sub: requester.sdsUserId,
    aud: audience,
    iat,
    exp: iat + JWT_LIFETIME_SECONDS,
    reason_for_request: "directcare",
    requested_scope: "patient/*.read",
    requesting_device: {
      resourceType: "Device",
      identifier: [{ system: `${device.issuer}/Id/device-identifier`, value: device.model }],
      model: device.model,
      version: device.version,
    },
    requesting_organization: {
      resourceType: "Organization",
      identifier: [{ system: "https://fhir.nhs.uk/Id/ods-organization-code", value: requester.organisation.odsCode }],
      name: requester.organisation.name,
    },
    requesting_practitioner: {
      resourceType: "Practitioner",
      // sub and requesting_practitioner.id name the same person
      id: requester.sdsUserId,
      identifier: [
        { system: "https://fhir.nhs.uk/Id/sds-user-id", value: requester.sdsUserId },
        { system: "https://fhir.nhs.uk/Id/sds-role-profile-id", value: requester.sdsRoleProfileId },
      ],
      name: [{ family: requester.name.family, given: requester.name.given }],
    },
  };
}

/** The bearer token: header and claims, base64url, and an empty signature (alg none), as GP Connect specifies. */
export function unsecuredJwt(claims: GpConnectClaims): string {
  return `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`;
}
