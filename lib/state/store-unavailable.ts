import "server-only";
import { randomBytes } from "node:crypto";
import { STORE_UNAVAILABLE_DIGEST_PREFIX } from "@/lib/errors/digests";
import { logger } from "@/lib/log";

/**
 * The shared state (sessions, the audit trail, platform tokens) cannot be reached: the database is down, restarting,
 * refusing connections or not answering in time. Nothing can be shown, since no access could be recorded; the
 * error page says so in plain words, with the reference this was logged under (its digest).
 */
export class StoreUnavailableError extends Error {
  readonly digest: string;

  constructor(readonly reference: string) {
    super("The shared state cannot be reached");
    this.name = "StoreUnavailableError";
    this.digest = `${STORE_UNAVAILABLE_DIGEST_PREFIX}${reference}`;
  }
}

// PostgreSQL: connection exceptions (08), admin or crash shutdown (57P01-57P03), a statement cancelled by its
// timeout (57014), too many connections (53300), a database not accepting connections (55000)
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123]|57014|53300|55000)$/;
const NODE_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB)/;
// node-postgres's own messages for a connection it lost or could not make in time
const PG_CLIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Whether an error means the store could not be reached, rather than a fault in what was asked of it. */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === "string" && (POSTGRES_UNAVAILABLE.test(code) || NODE_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code))) return true;
  return PG_CLIENT_MESSAGES.test(error.message);
}

/**
 * The store, with every method that returns a promise turned so that an unreachable database becomes a
 * StoreUnavailableError, logged once with its reference (the store, the operation, the error's code; never what
 * was being stored). Other errors pass through unchanged.
 */
export function guardStore<T extends object>(storeName: string, store: T): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (!isStoreUnavailable(error)) throw error;
          const reference = randomBytes(5).toString("hex").toUpperCase();
          logger.error(
            {
              event: "store-unavailable",
              store: storeName,
              operation: String(property),
              reference,
              code: (error as Error & { code?: unknown }).code,
              problem: (error as Error).message,
            },
            "the shared state could not be reached: nothing shown",
          );
          throw new StoreUnavailableError(reference);
        });
      };
    },
  });
}
