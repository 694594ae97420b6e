import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { JOURNEY_WORKERS, serversFor } from "./support/servers";
import { STORAGE_RECORD_DIR } from "./support/test";

/** The demo patients the journeys open, by what would identify them if it leaked. */
const NHS_NUMBERS = ["9000000009", "9693632109", "9000000025", "9000000033", "9000000076", "9000000017", "9449306680", "9449310475", "9736363120"];
const IDENTIFIERS = [
  ...NHS_NUMBERS,
  ...NHS_NUMBERS.map((number) => `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`),
  "GARTON",
  "KNAPP",
  "Garton",
  "Jane SMITH",
  "SMITH, Jane",
  "Smythe",
  "1955-11-05",
  "5 November 1955",
  "DN18 5DW",
  "LS1 6AE",
];

function leaks(text: string): string[] {
  return IDENTIFIERS.filter((identifier) => text.includes(identifier));
}

test("after every journey: no patient identifier in any of the apps' logs", () => {
  for (let index = 0; index < JOURNEY_WORKERS; index += 1) {
    const logFile = join(serversFor(index).dataDir, "app.log");
    expect(existsSync(logFile), `app ${index}'s log was written`).toBe(true);
    const log = readFileSync(logFile, "utf8");
    expect(log.split("\n").length, `app ${index} logged at info level throughout`).toBeGreaterThan(20);
    const found = log.split("\n").filter((line) => leaks(line).length > 0);
    expect(found.slice(0, 5), `${found.length} lines of app ${index}'s log name a patient`).toEqual([]);
  }
});

test("after every journey: nothing about a patient was left in browser storage", () => {
  const file = join(STORAGE_RECORD_DIR, "storage.jsonl");
  expect(existsSync(file), "the journeys recorded browser storage").toBe(true);
  const records = readFileSync(file, "utf8").trim().split("\n");
  // a run of only the @platform journeys (E2E_JOURNEYS=platform) records fewer pages
  expect(records.length).toBeGreaterThan(process.env.E2E_JOURNEYS === "platform" ? 3 : 50);
  const found = records.filter((line) => {
    const { local, session, indexedDb } = JSON.parse(line) as { local: unknown; session: unknown; indexedDb: unknown };
    return leaks(JSON.stringify({ local, session, indexedDb })).length > 0;
  });
  expect(found.slice(0, 5), `${found.length} pages left patient data in storage`).toEqual([]);
});
