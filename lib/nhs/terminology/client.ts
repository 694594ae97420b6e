import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { SNOMED } from "../immunisation/vaccine-types";
import { valueSetUrl, type PickList } from "./value-sets";
import { VersionedCache } from "./versioned-cache";

/** A concept as a pick-list offers it: its SNOMED CT code and preferred term. */
export interface TerminologyConcept {
  code: string;
  display: string;
}

export type ExpandOutcome =
  | {
      kind: "found";
      concepts: TerminologyConcept[];
      /** How many concepts match in all, of which `concepts` are the first. */
      total: number;
      /** The code system version the server expanded, as it reported it. */
      version: string;
      /** Answered from an earlier expansion because the server could not be reached. */
      stale: boolean;
    }
  | { kind: "failed"; failure: NhsFailure };

export type LookupOutcome =
  | { kind: "found"; code: string; display: string; version: string }
  | { kind: "not-found"; code: string }
  | { kind: "failed"; failure: NhsFailure };

const expansionSchema = z.object({
  resourceType: z.literal("ValueSet"),
  expansion: z.object({
    total: z.number().int().optional(),
    parameter: z.array(z.object({ name: z.string(), valueUri: z.string().optional(), valueString: z.string().optional() }).loose()).optional(),
    contains: z
      .array(
        z.object({
          system: z.string().optional(),
          version: z.string().optional(),
          code: z.string().regex(/^\d{6,18}$/),
          display: z.string().min(1),
          inactive: z.boolean().optional(),
          abstract: z.boolean().optional(),
        }),
      )
      .optional(),
  }),
});

const parametersSchema = z.object({
  resourceType: z.literal("Parameters"),
  parameter: z.array(z.object({ name: z.string(), valueString: z.string().optional(), valueUri: z.string().optional() }).loose()),
});

/** "http://snomed.info/sct|http://snomed.info/sct/83821000000107/version/20251015" → the version URI. */
function versionOf(reported: string | undefined): string | null {
  if (!reported) return null;
  return reported.startsWith(`${SNOMED}|`) ? reported.slice(SNOMED.length + 1) : reported;
}

/** How long cached answers stand before the server is asked again which release it serves. */
const RECHECK_MS = 60 * 60 * 1000;
const MAX_CACHED = 2_000;
/** Enough for a combobox's list; the rest is narrowed by typing. */
const DEFAULT_COUNT = 20;

type Cached = { kind: "expansion"; concepts: TerminologyConcept[]; total: number } | { kind: "concept"; display: string } | { kind: "no-concept" };

/**
 * The NHS England Terminology Server (FHIR R4): pick-lists by ValueSet/$expand with a text filter, and preferred
 * terms by CodeSystem/$lookup. Answers are cached by the SNOMED CT version the server reports (VersionedCache).
 */
export class TerminologyClient {
  private readonly cache: VersionedCache<Cached>;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
    options: { now?: () => number; recheckMs?: number } = {},
  ) {
    this.cache = new VersionedCache({ recheckMs: options.recheckMs ?? RECHECK_MS, maxEntries: MAX_CACHED, now: options.now });
  }

  /** The version cached answers come from (null before any answer): for tests and for start-up's report. */
  get cachedVersion(): string | null {
    return this.cache.currentVersion;
  }

  /** One call for the same question however many ask at once. */
  private once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** The concepts of a pick-list whose terms match `filter` (every word typed starts a word of the term); all of them if it is empty. */
  async expand(list: PickList, filter: string, context: NhsCallContext, count = DEFAULT_COUNT): Promise<ExpandOutcome> {
    const text = filter.trim().replace(/\s+/g, " ").toLowerCase();
    const url = valueSetUrl(list);
    const key = `expand|${url}|${text}|${count}`;
    const cached = this.cache.get(key);
    if (cached?.kind === "expansion")
      return { kind: "found", concepts: cached.concepts, total: cached.total, version: this.cache.currentVersion!, stale: false };
    return this.once(key, async (): Promise<ExpandOutcome> => {
      const query = new URLSearchParams({ url, count: String(count) });
      if (text) query.set("filter", text);
      const response = await this.client.call({
        api: "terminology",
        baseUrl: this.baseUrl,
        method: "GET",
        path: "/ValueSet/$expand",
        query,
        schema: expansionSchema,
        context,
      });
      if (response.kind !== "ok") {
        const stale = this.cache.get(key, { stale: true });
        if (stale?.kind === "expansion")
          return { kind: "found", concepts: stale.concepts, total: stale.total, version: this.cache.currentVersion!, stale: true };
        return { kind: "failed", failure: response };
      }
      const { expansion } = response.body;
      const contains = (expansion.contains ?? []).filter((concept) => !concept.inactive && !concept.abstract);
      const concepts = contains.map((concept) => ({ code: concept.code, display: concept.display }));
      const total = expansion.total ?? concepts.length;
      const version = versionOf(expansion.parameter?.find((parameter) => parameter.name === "version")?.valueUri) ?? versionOf(contains[0]?.version);
      // without a version the answer cannot be tied to a release, so it is not kept
      if (version) this.cache.put(version, key, { kind: "expansion", concepts, total });
      return { kind: "found", concepts, total, version: version ?? "unknown", stale: false };
    });
  }

  /** The preferred term of a SNOMED CT concept, in the release the server serves now. */
  async lookup(code: string, context: NhsCallContext): Promise<LookupOutcome> {
    if (!/^\d{6,18}$/.test(code)) return { kind: "not-found", code };
    const key = `lookup|${code}`;
    const cached = this.cache.get(key);
    if (cached?.kind === "concept") return { kind: "found", code, display: cached.display, version: this.cache.currentVersion! };
    if (cached?.kind === "no-concept") return { kind: "not-found", code };
    return this.once(key, async (): Promise<LookupOutcome> => {
      const response = await this.client.call({
        api: "terminology",
        baseUrl: this.baseUrl,
        method: "GET",
        path: "/CodeSystem/$lookup",
        query: new URLSearchParams({ system: SNOMED, code }),
        schema: parametersSchema,
        context,
      });
      if (response.kind === "operation-outcome" && response.status === 404) {
        // a code unknown in this release: remembered for the release it was asked of, if one is known
        if (this.cache.currentVersion) this.cache.put(this.cache.currentVersion, key, { kind: "no-concept" });
        return { kind: "not-found", code };
      }
      if (response.kind !== "ok") {
        const stale = this.cache.get(key, { stale: true });
        if (stale?.kind === "concept") return { kind: "found", code, display: stale.display, version: this.cache.currentVersion! };
        return { kind: "failed", failure: response };
      }
      const value = (name: string) => response.body.parameter.find((parameter) => parameter.name === name)?.valueString;
      const display = value("display");
      const version = versionOf(value("version"));
      if (!display) {
        return {
          kind: "failed",
          failure: {
            kind: "invalid-response",
            api: "terminology",
            requestId: response.requestId,
            attempts: response.attempts,
            status: response.status,
            problem: "no display",
          },
        };
      }
      if (version) this.cache.put(version, key, { kind: "concept", display });
      return { kind: "found", code, display, version: version ?? "unknown" };
    });
  }
}
