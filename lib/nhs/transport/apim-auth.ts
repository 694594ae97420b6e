import "server-only";
import { randomUUID } from "node:crypto";
import { importJWK, SignJWT } from "jose";
import { z } from "zod";
import type { AuthPattern, ConfiguredApi } from "@/lib/config/apis";
import type { ApimCredentials, ClientSecretCredentials, PrivateRsaJwk } from "@/lib/config/build";
import type { SessionStore } from "@/lib/state/session-store";
import { startDeadline } from "./deadline";
import { outsideRequest } from "./outside-request";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
/** The platform rejects assertions that live longer than five minutes; four leaves room for clock skew. */
const ASSERTION_LIFETIME_SECONDS = 240;
/** A token is replaced this long before it expires, so a request never sets off with one about to lapse. */
const EXPIRY_MARGIN_MILLISECONDS = 60_000;

/** Why no credential could be had, in the platform's own words where it gave them. */
export interface AuthorisationFailure {
  /** The token endpoint's HTTP status; null when it could not be reached. */
  status: number | null;
  error: string;
  description: string;
  messageId: string | null;
}

export type Authorisation = { kind: "ok"; headers: Record<string, string> } | { kind: "failed"; failure: AuthorisationFailure };

export interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/**
 * Application access tokens, shared by every request (and, with a shared implementation, every
 * instance). The embedded default is this process's memory; PostgreSQL (PostgresTokenCache) shares them.
 */
export interface TokenCache {
  get(key: string): Promise<CachedToken | null>;
  set(key: string, token: CachedToken): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `work` while no other holder of this cache runs work for the same key: with a cache shared by several
   * instances, one of them fetches a token and the others wait, then find it stored. Within one process the
   * authoriser already makes one call however many requests wait.
   */
  exclusively<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class InMemoryTokenCache implements TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  async get(key: string) {
    return this.tokens.get(key) ?? null;
  }
  async set(key: string, token: CachedToken) {
    this.tokens.set(key, token);
  }
  async delete(key: string) {
    this.tokens.delete(key);
  }
  exclusively<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // the platform sends expires_in as a string ("599")
  expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().positive()),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.union([z.string(), z.number()]).transform(Number).optional(),
});
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional(), message_id: z.string().optional() }).loose();

type TokenResult = { kind: "ok"; token: z.infer<typeof tokenResponseSchema> } | { kind: "failed"; failure: AuthorisationFailure };

export interface ApimAuthOptions {
  credentials: ApimCredentials;
  /** APIs authorised by their own authorisation server (client-secret): its token URL and the client's id and secret. */
  clientSecrets?: Partial<Record<ConfiguredApi, ClientSecretCredentials>>;
  apis: Record<ConfiguredApi, { auth: AuthPattern }>;
  sessions: SessionStore;
  cache?: TokenCache;
  fetchImpl?: typeof fetch;
  timeoutMs: number;
  now?: () => number;
}

/**
 * The three ways the NHS API platform authorises a call (signed JWT, CIS2 token exchange, API key), per API, and
 * a fourth for an API off the platform with its own authorisation server (client credentials with a secret).
 */
export class ApimAuthoriser {
  private readonly cache: TokenCache;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private signingKey: CryptoKey | Uint8Array | null = null;

  constructor(private readonly options: ApimAuthOptions) {
    this.cache = options.cache ?? new InMemoryTokenCache();
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** A client assertion as the platform requires: RS512, kid, typ JWT, iss = sub = API key, aud = token URL, unique jti, short expiry. */
  async clientAssertion(): Promise<string> {
    const { credentials } = this.options;
    const key: PrivateRsaJwk = credentials.signingKey;
    this.signingKey ??= await importJWK({ ...key, alg: "RS512" }, "RS512");
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: "RS512", typ: "JWT", kid: key.kid })
      .setIssuer(credentials.apiKey!)
      .setSubject(credentials.apiKey!)
      .setAudience(credentials.tokenUrl!)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
      .sign(this.signingKey);
  }

  private async requestToken(form: Record<string, string>, tokenUrl = this.options.credentials.tokenUrl!): Promise<TokenResult> {
    const fetchImpl = this.options.fetchImpl ?? fetch;
    let response: Response;
    let body: unknown;
    const deadline = startDeadline(this.options.timeoutMs);
    try {
      response = await outsideRequest(() =>
        fetchImpl(tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams(form).toString(),
          signal: deadline.signal,
          cache: "no-store",
        }),
      );
      body = await response.json().catch(() => null);
    } catch (error) {
      return {
        kind: "failed",
        failure: { status: null, error: "unreachable", description: error instanceof Error ? error.message : "no answer", messageId: null },
      };
    } finally {
      deadline.clear();
    }
    if (response.ok) {
      const token = tokenResponseSchema.safeParse(body);
      if (token.success) return { kind: "ok", token: token.data };
      return {
        kind: "failed",
        failure: { status: response.status, error: "invalid_response", description: "The token endpoint's answer had no usable access token", messageId: null },
      };
    }
    const problem = tokenErrorSchema.safeParse(body);
    return {
      kind: "failed",
      failure: problem.success
        ? {
            status: response.status,
            error: problem.data.error,
            description: problem.data.error_description ?? problem.data.error,
            messageId: problem.data.message_id ?? null,
          }
        : { status: response.status, error: "http_error", description: `The token endpoint answered HTTP ${response.status}`, messageId: null },
    };
  }

  /** One token call however many requests need a token at once. */
  private once<T>(key: string, fetchToken: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = fetchToken().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private fresh(token: CachedToken | null | undefined): boolean {
    return Boolean(token && token.expiresAt - EXPIRY_MARGIN_MILLISECONDS > this.now());
  }

  /**
   * An application token under `key`: from the cache while it is fresh, otherwise one token call however many
   * requests (and, with a shared cache, instances) need it at once.
   */
  private async cachedToken(
    key: string,
    fetchToken: () => Promise<TokenResult>,
  ): Promise<{ kind: "ok"; accessToken: string } | { kind: "failed"; failure: AuthorisationFailure }> {
    try {
      const cached = await this.cache.get(key);
      if (cached && this.fresh(cached)) return { kind: "ok", accessToken: cached.accessToken };
      return await this.once(key, () =>
        this.cache.exclusively(key, async () => {
          // another instance may have fetched one while this waited its turn
          const stored = await this.cache.get(key);
          if (stored && this.fresh(stored)) return { kind: "ok", accessToken: stored.accessToken } as const;
          const outcome = await fetchToken();
          if (outcome.kind === "failed") return outcome;
          await this.cache.set(key, { accessToken: outcome.token.access_token, expiresAt: this.now() + outcome.token.expires_in * 1000 });
          return { kind: "ok", accessToken: outcome.token.access_token } as const;
        }),
      );
    } catch (error) {
      // a shared cache that cannot be reached: no token, said as the token endpoint's failures are
      return {
        kind: "failed",
        failure: { status: null, error: "token_cache_unavailable", description: error instanceof Error ? error.message : "no answer", messageId: null },
      };
    }
  }

  async applicationToken(): Promise<{ kind: "ok"; accessToken: string } | { kind: "failed"; failure: AuthorisationFailure }> {
    return this.cachedToken("application", async () =>
      this.requestToken({ grant_type: "client_credentials", client_assertion_type: JWT_BEARER, client_assertion: await this.clientAssertion() }),
    );
  }

  /** A token from an API's own authorisation server (the Terminology Server's Keycloak), by client id and secret. */
  async clientSecretToken(api: ConfiguredApi): Promise<{ kind: "ok"; accessToken: string } | { kind: "failed"; failure: AuthorisationFailure }> {
    const credentials = this.options.clientSecrets?.[api];
    if (!credentials)
      return {
        kind: "failed",
        failure: { status: null, error: "no_credentials", description: `No client credentials are configured for ${api}`, messageId: null },
      };
    return this.cachedToken(`client-secret:${api}`, () =>
      this.requestToken({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret }, credentials.tokenUrl),
    );
  }

  /**
   * The user's APIM token, from their CIS2 id token by token exchange, kept in their server-side
   * session (so it goes at sign-out), refreshed with its refresh token when it lapses.
   */
  async userToken(sessionId: string): Promise<{ kind: "ok"; accessToken: string } | { kind: "failed"; failure: AuthorisationFailure }> {
    const session = await this.options.sessions.get(sessionId);
    if (!session)
      return { kind: "failed", failure: { status: null, error: "no_session", description: "The session has ended; sign in again", messageId: null } };
    const held = session.apimUserToken ?? null;
    if (held && this.fresh(held)) return { kind: "ok", accessToken: held.accessToken };
    const result = await this.once(`user:${sessionId}`, async () => {
      const refreshToken = held?.refreshToken && held.refreshExpiresAt > this.now() ? held.refreshToken : null;
      let outcome = refreshToken
        ? await this.requestToken({
            grant_type: "refresh_token",
            client_id: this.options.credentials.apiKey!,
            client_secret: this.options.credentials.clientSecret ?? "",
            refresh_token: refreshToken,
          })
        : null;
      // a refresh token is single-use and may be refused; the id token can still be exchanged while it lasts
      if (!outcome || outcome.kind === "failed") {
        outcome = await this.requestToken({
          grant_type: TOKEN_EXCHANGE,
          client_assertion_type: JWT_BEARER,
          client_assertion: await this.clientAssertion(),
          subject_token_type: ID_TOKEN_TYPE,
          subject_token: session.idToken,
        });
      }
      if (outcome.kind === "ok") {
        const token = outcome.token;
        await this.options.sessions.update(sessionId, (current) => ({
          ...current,
          apimUserToken: {
            accessToken: token.access_token,
            expiresAt: this.now() + token.expires_in * 1000,
            refreshToken: token.refresh_token ?? null,
            refreshExpiresAt: token.refresh_token_expires_in ? this.now() + token.refresh_token_expires_in * 1000 : 0,
          },
        }));
      }
      return outcome;
    });
    return result.kind === "ok" ? { kind: "ok", accessToken: result.token.access_token } : result;
  }

  /** The headers that authorise a call to this API, or why there are none. */
  async authorise(api: ConfiguredApi, sessionId: string | undefined): Promise<Authorisation> {
    const pattern = this.options.apis[api].auth;
    switch (pattern) {
      case "none":
        return { kind: "ok", headers: {} };
      case "api-key":
        return { kind: "ok", headers: { apikey: this.options.credentials.apiKey! } };
      case "signed-jwt": {
        const token = await this.applicationToken();
        return token.kind === "ok" ? { kind: "ok", headers: { authorization: `Bearer ${token.accessToken}` } } : token;
      }
      case "cis2-token-exchange": {
        if (!sessionId)
          return {
            kind: "failed",
            failure: { status: null, error: "no_session", description: "This API acts for a signed-in user, and there is none", messageId: null },
          };
        const token = await this.userToken(sessionId);
        return token.kind === "ok" ? { kind: "ok", headers: { authorization: `Bearer ${token.accessToken}` } } : token;
      }
      case "client-secret": {
        const token = await this.clientSecretToken(api);
        return token.kind === "ok" ? { kind: "ok", headers: { authorization: `Bearer ${token.accessToken}` } } : token;
      }
      default: {
        const unhandled: never = pattern;
        return unhandled;
      }
    }
  }

  /** After the API refused a token (401), so the next call fetches a new one rather than reusing it. */
  async forget(api: ConfiguredApi, sessionId: string | undefined) {
    const pattern = this.options.apis[api].auth;
    if (pattern === "signed-jwt") await this.cache.delete("application");
    if (pattern === "client-secret") await this.cache.delete(`client-secret:${api}`);
    if (pattern === "cis2-token-exchange" && sessionId) {
      await this.options.sessions.update(sessionId, (current) => ({
        ...current,
        apimUserToken: current.apimUserToken ? { ...current.apimUserToken, expiresAt: 0 } : null,
      }));
    }
  }
}
