import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { AuditTrail } from "@/lib/audit/audit-trail";
import type { AppConfig } from "@/lib/config/build";
import { MeshClient } from "@/lib/nhs/mesh/client";
import { meshFetch } from "@/lib/nhs/mesh/tls-fetch";
import { derivedSessionKey } from "@/lib/state/encrypted-session-store";
import { type GpSummaryStore, SqliteGpSummaryStore } from "@/lib/state/gp-summary-store";
import { PostgresGpSummaryStore } from "@/lib/state/postgres-gp-summary-store";
import { openPostgres, postgresTimeouts } from "@/lib/state/postgres";
import { Sealer } from "@/lib/state/sealing";
import { openSqlite } from "@/lib/state/sqlite";
import { pollMeshOnce, type PollReport } from "./mesh-poller";

interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Polls this service's MESH inbox every MESH_POLL_SECONDS in the background (started with the server, beside the
 * audit anchors). Every instance runs it; the lease in the shared store lets one of them poll at a time, and a
 * poll still running when the next is due is not overlapped.
 */
export function startMeshPoller(config: AppConfig, trail: AuditTrail, log: Log): { stop(): Promise<void> } | null {
  const settings = config.mesh;
  if (!settings) return null;
  const sealer = new Sealer(config.SESSION_ENCRYPTION_KEYS ?? [derivedSessionKey(config.sessionSecret)]);
  const store: GpSummaryStore = config.DATABASE_URL
    ? new PostgresGpSummaryStore(openPostgres(config.DATABASE_URL, postgresTimeouts(config)), sealer)
    : new SqliteGpSummaryStore(openSqlite(config.dataDir, "gp-summaries.db"), sealer);
  const mesh = new MeshClient({
    baseUrl: settings.baseUrl,
    credentials: settings.credentials,
    timeoutMs: config.NHS_API_TIMEOUT_MS,
    chunkBytes: settings.chunkBytes,
    fetchImpl: meshFetch(settings.tls),
  });
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  let running: Promise<PollReport | null> | null = null;
  const poll = () => {
    if (running) return;
    running = pollMeshOnce({
      store,
      mesh,
      audit: (entry) => trail.record(entry),
      holder,
      // a dead instance's lease runs out after three polls it missed (at least half a minute)
      leaseMilliseconds: Math.max(3 * settings.pollMilliseconds, 30_000),
      sendingDeadlineMilliseconds: config.NHS_API_TIMEOUT_MS * 2 + 5_000,
    })
      .then((report) => {
        if (report.applied || report.reconciled || report.failures) log.info({ event: "mesh-poll", ...report }, "MESH inbox polled");
        return report;
      })
      .catch((error: unknown) => {
        log.warn({ event: "mesh-poll-failed", error: error instanceof Error ? error.message : String(error) }, "MESH inbox poll failed");
        return null;
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(poll, settings.pollMilliseconds);
  timer.unref();
  poll();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
