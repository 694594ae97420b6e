import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import { REFRESH_TOKEN_SECONDS, type TokenStore } from "./tokens";

export const IDENTITY_BASE_PATH = "/oauth2";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
/** The platform allows a little over five minutes for clock skew. */
const MAX_ASSERTION_LIFETIME_SECONDS = 310;

/** An application registered with the stand-in's API platform, as on the NHS developer portal. */
export interface RegisteredApplication {
  apiKey: string;
  clientSecret: string;
  jwks: JSONWebKeySet;
}

export interface IdentityOptions {
  applications: RegisteredApplication[];
  tokens: TokenStore;
  /** The mock CIS2: id tokens it signed are accepted as subject tokens. */
  cis2: { issuer: string; jwks: JSONWebKeySet; clientId: string };
  publicBaseUrl: string;
}

class TokenError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly description: string,
    readonly error = "invalid_request",
  ) {
    super(description);
  }
}

function sendTokenError(reply: FastifyReply, failure: TokenError) {
  return reply
    .code(failure.status)
    .header("cache-control", "no-store")
    .send({ error: failure.error, error_description: failure.description, message_id: randomUUID() });
}

/** The APIM identity service's token endpoint, with each of the platform's client assertion rules. */
export function registerIdentityService(app: FastifyInstance, options: IdentityOptions) {
  const tokenUrl = `${options.publicBaseUrl}${IDENTITY_BASE_PATH}/token`;
  const usedJtis = new Map<string, number>();
  const cis2Keys = createLocalJWKSet(options.cis2.jwks);

  async function verifyClientAssertion(form: Record<string, string | undefined>): Promise<RegisteredApplication> {
    if (form.client_assertion_type !== JWT_BEARER) {
      throw new TokenError(400, `Missing or invalid client_assertion_type - must be '${JWT_BEARER}'`);
    }
    const assertion = form.client_assertion;
    if (!assertion) throw new TokenError(400, "Missing client_assertion");
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      throw new TokenError(400, "Malformed JWT in client_assertion");
    }
    if (!header.kid) throw new TokenError(400, "Missing 'kid' header in client_assertion JWT");
    if (header.alg !== "RS512") {
      throw new TokenError(400, "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'");
    }
    if (!claims.iss || claims.iss !== claims.sub) {
      throw new TokenError(400, "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT");
    }
    const application = options.applications.find((candidate) => candidate.apiKey === claims.iss);
    if (!application) throw new TokenError(401, "Invalid 'iss'/'sub' claims in client_assertion JWT - no such application", "invalid_client");
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(tokenUrl)) throw new TokenError(401, "Missing or invalid 'aud' claim in client_assertion JWT");
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== "number") throw new TokenError(400, "Missing exp claim in client_assertion JWT");
    if (claims.exp <= now) throw new TokenError(400, "Invalid 'exp' claim in client_assertion JWT - JWT has expired");
    if (claims.exp > now + MAX_ASSERTION_LIFETIME_SECONDS) {
      throw new TokenError(400, "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future");
    }
    if (!claims.jti) throw new TokenError(400, "Missing 'jti' claim in client_assertion JWT");
    try {
      await jwtVerify(assertion, createLocalJWKSet(application.jwks), { algorithms: ["RS512"] });
    } catch {
      throw new TokenError(401, "Invalid signature in client_assertion JWT - no public key with that kid verifies it", "invalid_client");
    }
    for (const [jti, expiry] of usedJtis) if (expiry <= now) usedJtis.delete(jti);
    if (usedJtis.has(claims.jti)) throw new TokenError(400, "Non-unique 'jti' claim in client_assertion JWT");
    usedJtis.set(claims.jti, claims.exp);
    return application;
  }

  async function verifySubjectToken(form: Record<string, string | undefined>) {
    if (form.subject_token_type !== ID_TOKEN_TYPE) {
      throw new TokenError(400, `missing or invalid subject_token_type - must be '${ID_TOKEN_TYPE}'`);
    }
    if (!form.subject_token) throw new TokenError(400, "Missing subject_token");
    try {
      decodeJwt(form.subject_token);
    } catch {
      throw new TokenError(400, "Malformed JWT in subject_token");
    }
    try {
      const { payload } = await jwtVerify(form.subject_token, cis2Keys, { issuer: options.cis2.issuer });
      const level = Number(payload.authentication_assurance_level ?? 0);
      return { sub: String(payload.sub), authenticationAssuranceLevel: Number.isFinite(level) ? level : 0 };
    } catch {
      throw new TokenError(401, "Unable to verify subject_token: it is expired, or was not issued by CIS2");
    }
  }

  app.post(`${IDENTITY_BASE_PATH}/token`, async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    reply.header("cache-control", "no-store");
    try {
      switch (form.grant_type) {
        case "client_credentials": {
          const application = await verifyClientAssertion(form);
          const { accessToken, expiresIn } = options.tokens.issueAccessToken({ kind: "application-restricted", clientId: application.apiKey });
          return reply.send({
            access_token: accessToken,
            expires_in: String(expiresIn),
            token_type: "Bearer",
            issued_at: String(Date.now()),
          });
        }
        case TOKEN_EXCHANGE: {
          const application = await verifyClientAssertion(form);
          const user = await verifySubjectToken(form);
          const { accessToken, expiresIn } = options.tokens.issueAccessToken({
            kind: "user-restricted-cis2",
            clientId: application.apiKey,
            user,
          });
          return reply.send({
            access_token: accessToken,
            expires_in: String(expiresIn),
            token_type: "Bearer",
            issued_token_type: ACCESS_TOKEN_TYPE,
            refresh_token: options.tokens.issueRefreshToken(application.apiKey, user, 0),
            refresh_token_expires_in: String(REFRESH_TOKEN_SECONDS),
            refresh_count: "0",
          });
        }
        case "refresh_token": {
          const application = options.applications.find((candidate) => candidate.apiKey === form.client_id);
          if (!application || application.clientSecret !== form.client_secret) {
            throw new TokenError(401, "Invalid client_id or client_secret", "invalid_client");
          }
          const grant = form.refresh_token ? options.tokens.redeemRefreshToken(form.refresh_token, application.apiKey) : undefined;
          if (!grant) throw new TokenError(401, "refresh_token is invalid", "invalid_grant");
          const { accessToken, expiresIn } = options.tokens.issueAccessToken({
            kind: "user-restricted-cis2",
            clientId: application.apiKey,
            user: grant.user,
          });
          const refreshCount = grant.refreshCount + 1;
          return reply.send({
            access_token: accessToken,
            expires_in: String(expiresIn),
            token_type: "Bearer",
            refresh_token: options.tokens.issueRefreshToken(application.apiKey, grant.user, refreshCount),
            refresh_token_expires_in: String(REFRESH_TOKEN_SECONDS),
            refresh_count: String(refreshCount),
          });
        }
        default:
          throw new TokenError(400, "grant_type is invalid", "unsupported_grant_type");
      }
    } catch (error) {
      if (error instanceof TokenError) return sendTokenError(reply, error);
      throw error;
    }
  });
}
