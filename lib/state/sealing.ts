import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** An AES-256-GCM key with the id stored beside what it sealed, so that a rotated-out key can still open old rows. */
export interface SealingKey {
  kid: string;
  key: Buffer;
}

const FORMAT = "v1";

/** Thrown for what does not open: tampered, moved to another row, or sealed with a key no longer held. */
export class UnreadableSeal extends Error {}

/**
 * AES-256-GCM for what the stores keep at rest (sessions, the platform's access tokens): `v1.<kid>.<iv>.<tag>.<ciphertext>`.
 * The additional data binds the sealed text to where it is kept (a session id, a token's key), so it does not open
 * elsewhere. The first key seals; every key opens (rotation: add the new key first, keep the old one until what it
 * sealed has expired).
 */
export class Sealer {
  private readonly byKid: Map<string, Buffer>;

  constructor(private readonly keys: readonly [SealingKey, ...SealingKey[]]) {
    this.byKid = new Map(keys.map(({ kid, key }) => [kid, key]));
  }

  seal(plain: string, additionalData: string): string {
    const { kid, key } = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(additionalData));
    const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [FORMAT, kid, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
  }

  open(sealed: unknown, additionalData: string): string {
    const [format, kid, iv, tag, ciphertext] = typeof sealed === "string" ? sealed.split(".") : [];
    const key = kid ? this.byKid.get(kid) : undefined;
    if (format !== FORMAT || !key || !iv || !tag || ciphertext === undefined) throw new UnreadableSeal();
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(additionalData));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new UnreadableSeal();
    }
  }
}
