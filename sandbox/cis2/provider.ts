import { randomBytes, randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { errorPage, logoutPage, signedOutPage } from "./pages";
import { findMockUser, userinfoClaims } from "./users";

/** CIS2's own realm path, so that only the host changes between the stand-in and CIS2. */
export const CIS2_REALM_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

export interface MockCis2Options {
  publicBaseUrl: string;
  clients: Array<{
    clientId: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    jwks: { keys: JWK[] };
  }>;
  /** The private key to sign id tokens with; generated when absent. */
  signingKey?: JWK & { kid: string };
}

export interface MockCis2 {
  provider: Provider;
  issuer: string;
  /** Public keys the mock signs id tokens with (also published at its JWKS endpoint). */
  signingKeys: { keys: JWK[] };
}

export async function generateSigningKey(): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `mock-cis2-${randomUUID()}`, alg: "RS256", use: "sig" };
}

export async function createMockCis2(options: MockCis2Options): Promise<MockCis2> {
  const issuer = `${options.publicBaseUrl}${CIS2_REALM_PATH}`;
  // A fresh signing key each start: relying parties fetch it from the JWKS endpoint, as with CIS2.
  const privateJwk = options.signingKey ?? (await generateSigningKey());
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;

  const configuration: Configuration = {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_name: "Care Record Viewer",
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "RS512",
      id_token_signed_response_alg: "RS256",
      jwks: client.jwks as Configuration["jwks"],
    })),
    jwks: { keys: [privateJwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    acrValues: ["AAL3_ANY", "AAL2_OR_AAL3_ANY", "AAL2_ANY", "AAL1_USERPASS"],
    scopes: ["openid", "profile", "email", "nationalrbacaccess", "associatedorgs", "nhsperson"],
    claims: {
      openid: ["sub", "authentication_assurance_level", "id_assurance_level"],
      profile: ["name", "given_name", "family_name", "uid"],
      email: ["email"],
      nhsperson: ["nhsid_useruid"],
      nationalrbacaccess: ["nhsid_useruid", "nhsid_nrbac_roles"],
      associatedorgs: ["nhsid_user_orgs"],
    },
    // CIS2's id tokens carry the assurance levels the relying party must check.
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ["S256"] },
    enabledJWA: {
      clientAuthSigningAlgValues: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"],
      idTokenSigningAlgValues: ["RS256"],
    },
    routes: {
      authorization: "/authorize",
      token: "/access_token",
      userinfo: "/userinfo",
      jwks: "/connect/jwk_uri",
      end_session: "/connect/endSession",
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: 12 * 60 * 60,
      Grant: 12 * 60 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = "html";
          ctx.body = signedOutPage();
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `${CIS2_REALM_PATH}/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx, sub) => {
      const user = findMockUser(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => userinfoClaims(user) };
    },
    // The relying party is first-party to CIS2: no consent screen, every requested scope granted.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) {
        const existing = await oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(String(oidc.params?.scope ?? "openid"));
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage("Sign-in error", `${out.error}: ${out.error_description ?? ""}`);
    },
  };

  const provider = new Provider(issuer, configuration);
  return { provider, issuer, signingKeys: { keys: [publicJwk] } };
}
