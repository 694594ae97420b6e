import { AuditChainKeyring } from "../lib/audit/audit-row";

/** Fixed audit chain keys for tests: rows the tests write verify in other processes (audit:verify, the writers). */
export const TEST_AUDIT_KEY = { kid: "test-2026-11", key: Buffer.alloc(32, 0x11) };
export const TEST_AUDIT_KEYS = new AuditChainKeyring([TEST_AUDIT_KEY]);
/** AUDIT_CHAIN_KEYS as a process given the test key would have it. */
export const TEST_AUDIT_CHAIN_KEYS_SETTING = `${TEST_AUDIT_KEY.kid}:${TEST_AUDIT_KEY.key.toString("base64")}`;
