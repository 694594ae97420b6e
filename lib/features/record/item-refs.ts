import "server-only";
import { randomUUID } from "node:crypto";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

type ItemKind = "document" | "prescription" | "referral";
const ITEM_REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opaque references for items in a patient's record (a shared document's pointer ID, a prescription
 * ID and issue), held in the server-side session and stable across visits: the IDs themselves lead
 * to a patient and so stay out of URLs.
 */
export async function itemRefsFor(session: ServerSession, patientRef: string, kind: ItemKind, keys: string[]): Promise<Map<string, string>> {
  const existing = new Map(
    Object.entries(session.itemRefs ?? {})
      .filter(([, item]) => item.patientRef === patientRef && item.kind === kind)
      .map(([itemRef, item]) => [item.key, itemRef]),
  );
  const missing = [...new Set(keys)].filter((key) => !existing.has(key));
  if (missing.length) {
    for (const key of missing) existing.set(key, randomUUID());
    const additions = Object.fromEntries(missing.map((key) => [existing.get(key)!, { patientRef, kind, key }]));
    await services().sessions.update(session.id, (current) => ({ ...current, itemRefs: { ...(current.itemRefs ?? {}), ...additions } }));
  }
  return existing;
}

/** As itemRefsFor, for a session this request has just changed (a patient reference added): read afresh first. */
export async function itemRefsAfterChange(session: ServerSession, patientRef: string, kind: ItemKind, keys: string[]): Promise<Map<string, string>> {
  return itemRefsFor((await services().sessions.get(session.id)) ?? session, patientRef, kind, keys);
}

/** The item behind a reference, if it belongs to this patient and is of this kind. */
export function itemKeyFor(session: ServerSession, patientRef: string, kind: ItemKind, itemRef: string): string | null {
  const item = ITEM_REF.test(itemRef) ? session.itemRefs?.[itemRef] : undefined;
  return item && item.patientRef === patientRef && item.kind === kind ? item.key : null;
}
