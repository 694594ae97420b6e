import { z } from "zod";
import type { Cis2Role } from "./cis2-role";

/** The id token claims the app relies on, after openid-client has verified signature, issuer, audience and nonce. */
export const cis2IdTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  acr: z.string().optional(),
  amr: z.array(z.string()).optional(),
  // CIS2 sends the levels as strings ("3")
  authentication_assurance_level: z.coerce.number().int().min(0).max(3).optional(),
  id_assurance_level: z.coerce.number().int().min(0).max(3).optional(),
});

const nrbacRoleSchema = z.object({
  person_roleid: z.string().min(1),
  org_code: z.string().min(1),
  person_orgid: z.string().optional(),
  role_code: z.string().default(""),
  role_name: z.string().default(""),
  activity_codes: z.array(z.string()).default([]),
});

/** CIS2 userinfo for the nationalrbacaccess and associatedorgs scopes. */
export const cis2UserinfoSchema = z.object({
  sub: z.string().min(1),
  nhsid_useruid: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  nhsid_nrbac_roles: z.array(nrbacRoleSchema).default([]),
  nhsid_user_orgs: z.array(z.object({ org_code: z.string(), org_name: z.string() })).default([]),
});

export type Cis2IdTokenClaims = z.infer<typeof cis2IdTokenClaimsSchema>;
export type Cis2Userinfo = z.infer<typeof cis2UserinfoSchema>;

/** The signed-in person as the app keeps them: identity, assurance and roles. */
export interface Cis2Identity {
  id: string;
  uid: string;
  name: string;
  authenticationLevel: number;
  identityLevel: number | null;
  acr: string | null;
  amr: string[];
  roles: Cis2Role[];
}

export function toCis2Identity(idToken: Cis2IdTokenClaims, userinfo: Cis2Userinfo): Cis2Identity {
  if (idToken.sub !== userinfo.sub) {
    // OIDC Core 5.3.2: userinfo for another subject must not be used
    throw new Error("CIS2 userinfo subject does not match the id token");
  }
  const organisationNames = new Map(userinfo.nhsid_user_orgs.map((org) => [org.org_code, org.org_name]));
  const name = [userinfo.given_name, userinfo.family_name].filter(Boolean).join(" ") || userinfo.name || userinfo.nhsid_useruid || idToken.sub;
  return {
    id: idToken.sub,
    uid: userinfo.nhsid_useruid ?? idToken.sub,
    name,
    authenticationLevel: idToken.authentication_assurance_level ?? 0,
    identityLevel: idToken.id_assurance_level ?? null,
    acr: idToken.acr ?? null,
    amr: idToken.amr ?? [],
    roles: userinfo.nhsid_nrbac_roles.map((role) => ({
      personRoleId: role.person_roleid,
      roleCode: role.role_code,
      roleName: role.role_name,
      orgCode: role.org_code,
      orgName: organisationNames.get(role.org_code) ?? null,
      orgId: role.person_orgid ?? null,
      activityCodes: role.activity_codes,
    })),
  };
}
