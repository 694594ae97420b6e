import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** What signs a MESH request: the environment's shared key, and the mailbox's own id and password. */
export interface MeshCredentials {
  mailboxId: string;
  password: string;
  sharedKey: string;
}

const SCHEME = "NHSMESH ";

/** yyyyMMddHHmm in UTC, as the header's timestamp. */
export function meshTimestamp(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-T:]/g, "");
}

function hashFor(credentials: MeshCredentials, nonce: string, nonceCount: number, timestamp: string): string {
  const message = [credentials.mailboxId, nonce, String(nonceCount), credentials.password, timestamp].join(":");
  return createHmac("sha256", credentials.sharedKey).update(message).digest("hex");
}

/**
 * The `Authorization` value for one request (MESH API spec, "MESH Authorization header"). MESH refuses a token
 * it has seen before, so every call takes a new nonce; the count stays 0.
 */
export function meshAuthorization(credentials: MeshCredentials, at: Date = new Date(), nonce: string = randomUUID(), nonceCount = 0): string {
  const timestamp = meshTimestamp(at);
  return `${SCHEME}${credentials.mailboxId}:${nonce}:${nonceCount}:${timestamp}:${hashFor(credentials, nonce, nonceCount, timestamp)}`;
}

export interface MeshToken {
  mailboxId: string;
  nonce: string;
  nonceCount: number;
  timestamp: string;
  hash: string;
}

/** The parts of an `NHSMESH` header, or null when it is not one. */
export function parseMeshAuthorization(header: string | undefined): MeshToken | null {
  if (!header?.startsWith(SCHEME)) return null;
  const parts = header.slice(SCHEME.length).split(":");
  if (parts.length !== 5) return null;
  const [mailboxId, nonce, count, timestamp, hash] = parts as [string, string, string, string, string];
  if (!/^[A-Z0-9]{1,32}$/.test(mailboxId) || !nonce || !/^\d{1,9}$/.test(count) || !/^\d{12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(hash)) return null;
  return { mailboxId, nonce, nonceCount: Number(count), timestamp, hash };
}

/** Whether the token's hash is the one these credentials make (compared in constant time). */
export function meshTokenSignedBy(token: MeshToken, credentials: MeshCredentials): boolean {
  const expected = Buffer.from(hashFor(credentials, token.nonce, token.nonceCount, token.timestamp), "hex");
  const given = Buffer.from(token.hash, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The token's time as milliseconds since the epoch (UTC), for the two-hour window. */
export function meshTokenTime(token: MeshToken): number {
  const t = token.timestamp;
  return Date.UTC(Number(t.slice(0, 4)), Number(t.slice(4, 6)) - 1, Number(t.slice(6, 8)), Number(t.slice(8, 10)), Number(t.slice(10, 12)));
}
