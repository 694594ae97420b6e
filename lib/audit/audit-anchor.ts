import type { AuditTrail, ChainAnchor, ChainHead } from "./audit-trail";

/** The `event` of an anchor's log line. */
export const ANCHOR_EVENT = "audit-chain-anchor";

/** `<entries>:<hash>`: the `anchor` field of an anchor's log line, and what `audit:verify --anchor` takes. */
export function formatAnchor(anchor: ChainAnchor): string {
  return `${anchor.entries}:${anchor.hash}`;
}

export function parseAnchor(text: string): ChainAnchor | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { entries: Number(match[1]), hash: match[2]! } : null;
}

/**
 * The anchors in application log lines: pino's JSON, possibly after a prefix a log shipper or container runtime
 * adds. Other lines, and lines that are not JSON, are passed over.
 */
export function anchorsFromLog(text: string): ChainAnchor[] {
  return text.split("\n").flatMap((line) => {
    const start = line.indexOf("{");
    if (start < 0 || !line.includes(ANCHOR_EVENT)) return [];
    try {
      const record = JSON.parse(line.slice(start)) as { event?: unknown; anchor?: unknown };
      const anchor = record.event === ANCHOR_EVENT && typeof record.anchor === "string" ? parseAnchor(record.anchor) : null;
      return anchor ? [anchor] : [];
    } catch {
      return [];
    }
  });
}

interface AnchorLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export type AnchorOccasion = "start-up" | "interval" | "shutdown";

/** The log line's fields: the head, and `anchor` ready to pass to `audit:verify --anchor`. */
export function anchorFields(head: ChainHead, occasion: AnchorOccasion) {
  return { event: ANCHOR_EVENT, occasion, entries: head.entries, hash: head.hash, keyId: head.keyId, anchor: formatAnchor(head) };
}

/**
 * Writes the audit chain's head to the application log at start-up, every `intervalMs`, and at shutdown (`stop`).
 * The log leaves the database's reach (it is shipped elsewhere), so a later check against these lines finds a tail
 * cut off, or a chain rewritten (relinked, or re-signed with another key), after each anchor was written. Reading
 * the head is one small query; a failure is logged and the next interval tries again.
 */
export function startAuditAnchors(trail: Pick<AuditTrail, "head">, intervalMs: number, log: AnchorLog) {
  const write = async (occasion: AnchorOccasion) => {
    try {
      log.info(anchorFields(await trail.head(), occasion), "audit chain head");
    } catch (error) {
      log.error({ event: ANCHOR_EVENT, occasion, error: error instanceof Error ? error.message : String(error) }, "audit chain head could not be read");
    }
  };
  const timer = setInterval(() => void write("interval"), intervalMs);
  timer.unref();
  const started = write("start-up");
  return {
    started,
    async stop() {
      clearInterval(timer);
      await started;
      await write("shutdown");
    },
  };
}
