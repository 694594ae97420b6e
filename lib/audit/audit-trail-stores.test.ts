import { describe, expect, it } from "vitest";
import { TEST_AUDIT_KEY, TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import { STORE_BACKENDS, type StoreDatabase } from "@/tests/store-backends";
import { AuditChainKeyring, auditEntryHash } from "./audit-row";
import { type AuditEntry, GENESIS_HASH, type StoredAuditEntry } from "./audit-trail";

const entry = (patientNhsNumber: string, action: AuditEntry["action"] = "patient-record-view", overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  occurredAt: "2026-11-21T10:00:00.000Z",
  userId: "656005750104",
  userName: "Priya Raman",
  roleId: "656014452101",
  roleName: "Clinical Practitioner Access Role",
  orgCode: "Y12345",
  action,
  patientNhsNumber,
  basisOfAccess: null,
  reason: null,
  upstreamRequestId: "5a0a1a0e-1111-4111-8111-111111111111",
  outcome: "data-returned",
  ...overrides,
});

describe.each(STORE_BACKENDS)("$name audit trail", (backend) => {
  it("chains each entry to the one before and verifies the chain", async () => {
    const trail = (await backend.fresh()).audit();
    const first = await trail.record(entry("9000000009", "patient-search"));
    const second = await trail.record(entry("9000000009"));
    expect(second.previousHash).toBe(first.hash);
    expect(second.id).toBe(first.id + 1);
    expect(await trail.verifyChain()).toEqual({
      intact: true,
      entries: 2,
      legacyEntries: 0,
      head: { entries: 2, hash: second.hash, keyId: TEST_AUDIT_KEY.kid },
    });
    expect(await trail.head()).toEqual({ entries: 2, hash: second.hash, keyId: TEST_AUDIT_KEY.kid });
    expect((await trail.list({ patientNhsNumber: "9000000009" })).map((row) => row.action)).toEqual(["patient-record-view", "patient-search"]);
  });

  it("hashes any text the same way as the other store verifies it: quotes, backslashes, line breaks, accents, emoji", async () => {
    const trail = (await backend.fresh()).audit();
    const awkward = 'Siân O\'Brien-Nú\\ñez "Dr"\n\t\u0001 \u{1F3E5}';
    const stored = await trail.record(entry("9000000009", "scr-access-basis", { userName: awkward, reason: awkward }));
    const expected = entry("9000000009", "scr-access-basis", { userName: awkward, reason: awkward });
    expect(stored.hash).toBe(auditEntryHash(expected, GENESIS_HASH, TEST_AUDIT_KEYS.sign(expected)));
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 1 });
  });

  it("keeps text neither store can hold (a lone surrogate, a NUL) as U+FFFD, so the row is written and verifies", async () => {
    const trail = (await backend.fresh()).audit();
    const stored = await trail.record(entry("9000000009", "scr-access-basis", { reason: "half \uD800 of a pair, and a \u0000 NUL" }));
    expect(stored.reason).toBe("half \uFFFD of a pair, and a \uFFFD NUL");
    expect((await trail.list({ patientNhsNumber: "9000000009" }))[0]?.reason).toBe("half \uFFFD of a pair, and a \uFFFD NUL");
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 1 });
  });

  it("is one chain for two instances writing to the same store", async () => {
    const database = await backend.fresh();
    const [one, other] = [database.audit(), database.audit()];
    await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? one : other).record(entry("9000000009"))));
    expect(await one.verifyChain()).toMatchObject({ intact: true, entries: 20 });
    expect((await other.list()).map((row) => row.id)).toEqual(Array.from({ length: 20 }, (_, index) => 20 - index));
  });

  it("filters by patient, user, action, dates and organisations, newest first, up to the limit", async () => {
    const trail = (await backend.fresh()).audit();
    await trail.record(entry("9000000009", "patient-search", { occurredAt: "2026-11-20T09:00:00.000Z" }));
    await trail.record(entry("9000000025", "scr-view", { occurredAt: "2026-11-21T09:00:00.000Z", orgCode: "Y23456", userId: "555254240100" }));
    await trail.record(entry("9000000009", "scr-view", { occurredAt: "2026-11-22T09:00:00.000Z", orgCode: "Y34567" }));
    const ids = async (filter: Parameters<typeof trail.list>[0]) => (await trail.list(filter)).map((row) => row.id);
    expect(await ids({})).toEqual([3, 2, 1]);
    expect(await ids({ patientNhsNumber: "9000000009" })).toEqual([3, 1]);
    expect(await ids({ userId: "555254240100" })).toEqual([2]);
    expect(await ids({ action: "scr-view" })).toEqual([3, 2]);
    expect(await ids({ from: "2026-11-21T09:00:00.000Z", to: "2026-11-21T23:59:59.999Z" })).toEqual([2]);
    expect(await ids({ orgCodes: ["Y12345", "Y34567"] })).toEqual([3, 1]);
    expect(await ids({ orgCodes: [] })).toEqual([]);
    expect(await ids({ action: "scr-view", orgCodes: ["Y23456"], patientNhsNumber: "9000000025" })).toEqual([2]);
    expect(await ids({ patientNhsNumber: "", limit: 1 })).toEqual([3]);
  });

  it("refuses updates and deletes", async () => {
    const database = await backend.fresh();
    await database.audit().record(entry("9000000009"));
    await expect(database.exec("UPDATE audit_log SET patient_nhs_number = '9000000025'")).rejects.toThrow(/append-only/);
    await expect(database.exec("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });

  it("detects a row altered behind its back", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    await trail.record(entry("9000000009"));
    const altered = await trail.record(entry("9000000025"));
    await trail.record(entry("9000000033"));
    await allowTampering(database);
    await database.exec(`UPDATE audit_log SET user_id = 'someone-else' WHERE id = ${altered.id}`);
    expect(await trail.verifyChain()).toMatchObject({ intact: false, brokenAtId: altered.id, problem: "altered" });
  });

  it("signs with the first key and verifies rows under every key given: a rotation", async () => {
    const database = await backend.fresh();
    const old = { kid: "audit-2026-05", key: Buffer.alloc(32, 0x22) };
    await database.audit(new AuditChainKeyring([old])).record(entry("9000000009"));
    await database.audit(new AuditChainKeyring([old])).record(entry("9000000025"));
    const rotated = database.audit(new AuditChainKeyring([TEST_AUDIT_KEY, old]));
    const after = await rotated.record(entry("9000000033"));
    expect(after.keyId).toBe(TEST_AUDIT_KEY.kid);
    expect((await rotated.list()).map((row) => row.keyId)).toEqual([TEST_AUDIT_KEY.kid, old.kid, old.kid]);
    expect(await rotated.verifyChain()).toMatchObject({ intact: true, entries: 3, head: { entries: 3, keyId: TEST_AUDIT_KEY.kid } });
    // the old key dropped too soon: its rows no longer verify, and the message names it
    expect(await database.audit(TEST_AUDIT_KEYS).verifyChain()).toMatchObject({
      intact: false,
      brokenAtId: 1,
      problem: "unknown-key",
      detail: expect.stringContaining(old.kid),
    });
  });

  it("finds a row deleted from the middle", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    for (const number of ["9000000009", "9000000025", "9000000033", "9693632109"]) await trail.record(entry(number));
    await allowTampering(database);
    await database.exec("DELETE FROM audit_log WHERE id = 2");
    expect(await trail.verifyChain()).toMatchObject({ intact: false, brokenAtId: 3, problem: "unlinked", detail: "entries 2 to 2 are missing (deleted)" });
  });

  it("finds a tail cut off, given an anchor from before the cut", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    for (const number of ["9000000009", "9000000025", "9000000033", "9693632109", "9000000009"]) await trail.record(entry(number));
    const anchor = await trail.head();
    await allowTampering(database);
    await database.exec("DELETE FROM audit_log WHERE id > 3");
    if (backend.name === "PostgreSQL") {
      await database.exec("UPDATE audit_chain_head SET last_id = 3, last_hash = (SELECT hash FROM audit_log WHERE id = 3)");
    }
    // what is left verifies on its own: only the anchor shows what is missing
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 3 });
    expect(await trail.verifyChain([anchor])).toMatchObject({
      intact: false,
      problem: "truncated",
      detail: expect.stringContaining("entries 4 to 5 were removed"),
    });
  });

  it("finds a row changed and its chain recomputed with another key", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    for (const number of ["9000000009", "9000000025", "9000000033"]) await trail.record(entry(number));
    // someone with the database but not the key re-signs under the key's name with a key of their own
    const forger = new AuditChainKeyring([{ kid: TEST_AUDIT_KEY.kid, key: Buffer.alloc(32, 0x66) }]);
    const rows = (await trail.list()).reverse();
    rows[1] = { ...rows[1]!, patientNhsNumber: "9693632109" };
    await rewrite(database, backend.name, relinked(rows, forger));
    expect(await trail.verifyChain()).toMatchObject({ intact: false, brokenAtId: 1, problem: "not-signed" });
  });

  it("finds a row deleted and the chain relinked after it, given an anchor: it verifies internally but not against the anchor", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    for (const number of ["9000000009", "9000000025", "9000000033", "9693632109"]) await trail.record(entry(number));
    const anchor = await trail.head();
    const rows = (await trail.list()).reverse();
    // relinking needs no key (each MAC covers its entry, not its place), so the chain alone cannot show this
    await rewrite(database, backend.name, relinked([rows[0]!, rows[2]!, rows[3]!]));
    await trail.record(entry("9000000009"));
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 4 });
    expect(await trail.verifyChain([anchor])).toMatchObject({ intact: false, brokenAtId: 4, problem: "anchor-mismatch" });
  });

  it("verifies rows written before the chain was keyed as its legacy start, and refuses an unkeyed row after keyed ones", async () => {
    const database = await backend.fresh();
    const legacy = relinked(
      [entry("9000000009"), entry("9000000025")].map((given, index) => ({ ...given, id: index + 1, keyId: null, mac: null, previousHash: "", hash: "" })),
    );
    if (backend.name === "SQLite") {
      // a trail from before: the table without the key columns, which opening the trail adds
      await database.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, occurred_at TEXT NOT NULL, user_id TEXT NOT NULL,
        user_name TEXT NOT NULL, role_id TEXT NOT NULL, role_name TEXT NOT NULL, org_code TEXT NOT NULL, action TEXT NOT NULL,
        patient_nhs_number TEXT, basis_of_access TEXT, reason TEXT, upstream_request_id TEXT, outcome TEXT NOT NULL,
        previous_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
      for (const row of legacy)
        await database.exec(
          insertSql(row)
            .replace(", key_id, mac)", ")")
            .replace(/, NULL, NULL\)$/, ")"),
        );
    } else {
      await rewrite(database, backend.name, legacy);
    }
    const trail = database.audit();
    await trail.record(entry("9000000033"));
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 3, legacyEntries: 2, head: { entries: 3, keyId: TEST_AUDIT_KEY.kid } });

    const rows = (await trail.list()).reverse();
    const downgraded = [...rows, { ...rows[2]!, id: 4, keyId: null, mac: null }];
    await rewrite(database, backend.name, relinked(downgraded));
    expect(await trail.verifyChain()).toMatchObject({ intact: false, brokenAtId: 4, problem: "unkeyed" });
  });

  it("answers the readiness check", async () => {
    await expect((await backend.fresh()).audit().ping()).resolves.toBeUndefined();
  });
});

/** As someone with the database's owner rights would: the append-only triggers dropped. */
async function allowTampering(database: StoreDatabase) {
  for (const trigger of ["audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"]) {
    await database.exec(`DROP TRIGGER IF EXISTS ${trigger}${database.location.startsWith("postgres") ? " ON audit_log" : ""}`);
  }
}

/** The rows numbered from 1 and linked afresh, each re-signed with `keys` if given, else keeping its key id and MAC (or none). */
function relinked(rows: StoredAuditEntry[], keys?: AuditChainKeyring): StoredAuditEntry[] {
  let previousHash = GENESIS_HASH;
  return rows.map((row, index) => {
    const signature = keys ? keys.sign(row) : row.keyId && row.mac ? { keyId: row.keyId, mac: row.mac } : undefined;
    const hash = auditEntryHash(row, previousHash, signature);
    const written = { ...row, id: index + 1, previousHash, hash, keyId: signature?.keyId ?? null, mac: signature?.mac ?? null };
    previousHash = hash;
    return written;
  });
}

const literal = (value: string | number | null) => (value === null ? "NULL" : typeof value === "number" ? String(value) : `'${value.replaceAll("'", "''")}'`);

function insertSql(row: StoredAuditEntry) {
  const values = [
    row.id,
    row.occurredAt,
    row.userId,
    row.userName,
    row.roleId,
    row.roleName,
    row.orgCode,
    row.action,
    row.patientNhsNumber,
    row.basisOfAccess,
    row.reason,
    row.upstreamRequestId,
    row.outcome,
    row.previousHash,
    row.hash,
    row.keyId,
    row.mac,
  ];
  return `INSERT INTO audit_log (id, occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number, basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash, key_id, mac) VALUES (${values.map(literal).join(", ")})`;
}

/** Replaces the whole trail with these rows, moving PostgreSQL's chain head to the last, as a forger would. */
async function rewrite(database: StoreDatabase, backend: string, rows: StoredAuditEntry[]) {
  await allowTampering(database);
  await database.exec("DELETE FROM audit_log");
  for (const row of rows) await database.exec(insertSql(row));
  const last = rows.at(-1);
  if (backend === "PostgreSQL") {
    await database.exec(`UPDATE audit_chain_head SET last_id = ${last?.id ?? 0}, last_hash = ${literal(last?.hash ?? GENESIS_HASH)}`);
  } else {
    await database.exec(`UPDATE sqlite_sequence SET seq = ${last?.id ?? 0} WHERE name = 'audit_log'`);
  }
}
