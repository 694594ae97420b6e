/**
 * vitest globalSetup: one throwaway PostgreSQL cluster per test run, with a template database already migrated.
 * Each test that needs PostgreSQL copies the template into a database of its own (tests/store-backends.ts).
 */
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../lib/state/postgres-migrations";
import { startThrowawayPostgres } from "./throwaway-postgres";

export const MIGRATED_TEMPLATE = "migrated_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the run's throwaway cluster (its `postgres` database). */
    postgresUrl: string;
  }
}

interface Started {
  url: string;
  stop: () => Promise<void>;
  users: number;
}

/**
 * Vitest runs a global setup for the root config and for each project (vitest.config.mts has two), all in its one
 * main process: the first starts the cluster, the others share it, and the last teardown stops it.
 */
const SHARED = Symbol.for("care-record-viewer.throwaway-postgres");
type WithShared = typeof globalThis & { [SHARED]?: Promise<Started> };

async function start(): Promise<Started> {
  const started = Date.now();
  const server = await startThrowawayPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${MIGRATED_TEMPLATE}`);
    await admin.end();
    await migratePostgres(server.urlFor(MIGRATED_TEMPLATE));
  } catch (error) {
    await server.stop();
    throw error;
  }
  if (process.env.THROWAWAY_POSTGRES_TIMING) console.warn(`[throwaway-postgres] ready in ${Date.now() - started} ms`);
  return { url: server.url, stop: () => server.stop(), users: 0 };
}

export default async function setup(project: TestProject) {
  const holder = globalThis as WithShared;
  holder[SHARED] ??= start();
  const started = await holder[SHARED];
  started.users += 1;
  project.provide("postgresUrl", started.url);
  return async () => {
    started.users -= 1;
    if (started.users > 0) return;
    delete holder[SHARED];
    await started.stop();
  };
}
