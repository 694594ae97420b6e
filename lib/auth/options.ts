import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { services } from "@/lib/server/services";
import { admit } from "./admission";
import { cis2IdTokenClaimsSchema, cis2UserinfoSchema, toCis2Identity, type Cis2Identity } from "./cis2-claims";

interface Cis2RawProfile {
  idToken: unknown;
  userinfo: unknown;
}

function cis2Provider(): OAuthConfig<Cis2RawProfile> {
  const config = getConfig();
  return {
    id: "cis2",
    name: "NHS CIS2",
    type: "oauth",
    wellKnown: `${config.CIS2_ISSUER}/.well-known/openid-configuration`,
    clientId: config.CIS2_CLIENT_ID,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: {
      params: { scope: config.CIS2_SCOPES, acr_values: config.CIS2_ACR_VALUES, prompt: "login" },
    },
    client: { token_endpoint_auth_method: "private_key_jwt", token_endpoint_auth_signing_alg: "RS512" },
    jwks: { keys: [config.cis2ClientPrivateJwk] },
    token: {
      // CIS2 wants the client assertion's audience to be its token endpoint, not its issuer.
      async request({ client, params, checks, provider }) {
        const tokens = await client.callback(provider.callbackUrl, params, checks, {
          clientAssertionPayload: { aud: client.issuer.metadata.token_endpoint },
        });
        return { tokens };
      },
    },
    userinfo: {
      // Roles come from userinfo (nationalrbacaccess); assurance from the verified id token.
      async request({ client, tokens }) {
        if (!tokens.access_token) throw new Error("CIS2 returned no access token");
        const userinfo = await client.userinfo(tokens.access_token);
        return { idToken: (tokens as unknown as { claims(): unknown }).claims(), userinfo } as never;
      },
    },
    profile(raw): Cis2Identity {
      return toCis2Identity(cis2IdTokenClaimsSchema.parse(raw.idToken), cis2UserinfoSchema.parse(raw.userinfo));
    },
  };
}

function buildAuthOptions(): NextAuthOptions {
  const config = getConfig();
  process.env.NEXTAUTH_URL ??= config.APP_BASE_URL;
  const maxAgeSeconds = config.SESSION_MAX_AGE_MINUTES * 60;
  return {
    secret: config.sessionSecret,
    session: { strategy: "jwt", maxAge: maxAgeSeconds },
    pages: { signIn: "/", error: "/auth/error", signOut: "/" },
    providers: [cis2Provider()],
    callbacks: {
      // next-auth's default throws on a callbackUrl that is not a URL (a 500 from any crafted link); this
      // one sends anything that is not one of this site's own pages to the start page instead
      redirect({ url, baseUrl }) {
        try {
          const target = new URL(url, baseUrl);
          return target.origin === new URL(baseUrl).origin ? target.toString() : baseUrl;
        } catch {
          return baseUrl;
        }
      },
      async signIn({ user }) {
        const decision = admit(user as Cis2Identity);
        if (decision.admitted) return true;
        logger.info({ event: "sign-in-refused", userId: user.uid, reason: decision.reason }, "sign-in refused");
        return decision.reason === "assurance-too-low"
          ? `/auth/refused?reason=${decision.reason}&level=${(user as Cis2Identity).authenticationLevel}`
          : `/auth/refused?reason=${decision.reason}`;
      },
      async jwt({ token, user, account }) {
        if (!account || !user) return token;
        const identity = user as Cis2Identity;
        const now = Date.now();
        const sid = randomUUID();
        await services().sessions.create({
          id: sid,
          user: { uid: identity.uid, name: identity.name },
          assurance: {
            authenticationLevel: identity.authenticationLevel,
            identityLevel: identity.identityLevel,
            acr: identity.acr,
            amr: identity.amr,
          },
          roles: identity.roles,
          selectedRoleId: null,
          idToken: account.id_token ?? "",
          patientRefs: {},
          createdAt: now,
          lastSeenAt: now,
          expiresAt: now + maxAgeSeconds * 1000,
        });
        logger.info({ event: "signed-in", userId: identity.uid, assurance: identity.authenticationLevel, roles: identity.roles.length }, "signed in");
        // The cookie carries only the server session's id.
        // the user id lets the proxy apply per-user rate limits without reading the session store
        return { sid, uid: identity.uid };
      },
      async session({ session, token }) {
        return { expires: session.expires, sid: token.sid };
      },
    },
    logger: {
      error(code, metadata) {
        const detail = metadata instanceof Error ? metadata.message : (metadata as { error?: Error })?.error?.message;
        if (code === "JWT_SESSION_ERROR") {
          // a session cookie that does not decrypt: tampered with, or from before a secret rotation
          logger.warn({ event: "unreadable-session-cookie", code, detail }, "session cookie refused");
          return;
        }
        logger.error({ event: "auth-error", code, detail }, "authentication error");
      },
      warn(code) {
        logger.warn({ event: "auth-warning", code }, "authentication warning");
      },
      debug() {},
    },
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
