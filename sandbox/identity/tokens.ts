import { randomBytes } from "node:crypto";

/** How a token was obtained, which decides which APIs accept it. */
export type TokenKind = "application-restricted" | "user-restricted-cis2" | "terminology-system";

export interface IssuedToken {
  kind: TokenKind;
  clientId: string;
  expiresAt: number;
  /** For user-restricted tokens: the CIS2 subject and the assurance level of their sign-in. */
  user?: { sub: string; authenticationAssuranceLevel: number };
}

interface RefreshGrant {
  clientId: string;
  user: NonNullable<IssuedToken["user"]>;
  refreshCount: number;
  expiresAt: number;
}

export const ACCESS_TOKEN_SECONDS = 599;
export const REFRESH_TOKEN_SECONDS = 43_199;

const newToken = () => randomBytes(24).toString("base64url").replace(/[-_]/g, "x");

/** The stand-in's issued access and refresh tokens, in memory. */
export class TokenStore {
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  issueAccessToken(token: Omit<IssuedToken, "expiresAt">, now = Date.now()): { accessToken: string; expiresIn: number } {
    const accessToken = newToken();
    this.accessTokens.set(accessToken, { ...token, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000 });
    return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS };
  }

  issueRefreshToken(clientId: string, user: RefreshGrant["user"], refreshCount: number, now = Date.now()): string {
    const refreshToken = newToken();
    this.refreshTokens.set(refreshToken, { clientId, user, refreshCount, expiresAt: now + REFRESH_TOKEN_SECONDS * 1000 });
    return refreshToken;
  }

  /** A refresh token is single use: redeeming it retires it. */
  redeemRefreshToken(refreshToken: string, clientId: string, now = Date.now()): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return undefined;
    this.refreshTokens.delete(refreshToken);
    if (grant.clientId !== clientId || grant.expiresAt <= now) return undefined;
    return grant;
  }

  lookUp(accessToken: string, now = Date.now()): IssuedToken | undefined {
    const token = this.accessTokens.get(accessToken);
    if (!token) return undefined;
    if (token.expiresAt <= now) {
      this.accessTokens.delete(accessToken);
      return undefined;
    }
    return token;
  }
}
