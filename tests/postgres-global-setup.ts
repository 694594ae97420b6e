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

export default async function setup(project: TestProject) {
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
  project.provide("postgresUrl", server.url);
  if (process.env.THROWAWAY_POSTGRES_TIMING) console.warn(`[throwaway-postgres] ready in ${Date.now() - started} ms`);
  return () => server.stop();
}
