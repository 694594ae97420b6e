import "server-only";
import { headers } from "next/headers";
import { featureForPath } from "@/lib/routes";
import type { Feature } from "./policy";
import { REQUESTED_PATH_HEADER } from "./requested-path-header";

const RECORD_PATH = /^\/patient\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * The feature a part of the service needs beyond the area around it (a tab of a patient's record, a search
 * mode), from the route manifest. Checked where the area's frame is decided, before anything streams.
 */
export function sectionFeature(path: string): Feature | null {
  return featureForPath(path);
}

/** The patient record a path belongs to, for a way back to it. */
export function recordPathOf(path: string): string | null {
  return RECORD_PATH.exec(path)?.[0] ?? null;
}

/** The path of the page being rendered, as the proxy saw it; empty when the proxy did not run. */
export async function requestedPath(): Promise<string> {
  return (await headers()).get(REQUESTED_PATH_HEADER) ?? "";
}
