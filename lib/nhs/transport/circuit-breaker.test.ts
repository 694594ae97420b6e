import { describe, expect, it } from "vitest";
import { CircuitBreakers } from "./circuit-breaker";

describe("circuit breaker", () => {
  it("opens after the set number of consecutive failures, pauses calls, then lets one trial through", () => {
    let now = 0;
    const circuits = new CircuitBreakers({ failuresToOpen: 3, openMilliseconds: 30_000, now: () => now });
    for (let failure = 0; failure < 2; failure += 1) circuits.record("pds", "failure");
    expect(circuits.allow("pds").kind).toBe("allowed");
    circuits.record("pds", "failure");
    expect(circuits.allow("pds")).toEqual({ kind: "open", retryAt: new Date(30_000) });
    // other APIs are unaffected
    expect(circuits.allow("scr").kind).toBe("allowed");
    now = 30_001;
    expect(circuits.allow("pds").kind).toBe("allowed");
    // only one trial at a time
    expect(circuits.allow("pds").kind).toBe("open");
    circuits.record("pds", "failure");
    expect(circuits.allow("pds")).toEqual({ kind: "open", retryAt: new Date(60_001) });
    now = 60_002;
    expect(circuits.allow("pds").kind).toBe("allowed");
    circuits.record("pds", "success");
    expect(circuits.allow("pds").kind).toBe("allowed");
    expect(circuits.openCircuits()).toEqual([]);
  });

  it("a success between failures starts the count again", () => {
    const circuits = new CircuitBreakers({ failuresToOpen: 2, openMilliseconds: 1000 });
    circuits.record("ods", "failure");
    circuits.record("ods", "success");
    circuits.record("ods", "failure");
    expect(circuits.allow("ods").kind).toBe("allowed");
  });

  it("says where a circuit stands without changing it: closed, open, then half-open when a trial may go", () => {
    let now = 0;
    const circuits = new CircuitBreakers({ failuresToOpen: 1, openMilliseconds: 1000, now: () => now });
    expect(circuits.stateOf("pds")).toBe("closed");
    circuits.record("pds", "failure");
    expect(circuits.stateOf("pds")).toBe("open");
    now = 1001;
    expect([circuits.stateOf("pds"), circuits.stateOf("pds")]).toEqual(["half-open", "half-open"]);
    expect(circuits.allow("pds").kind).toBe("allowed");
    expect(circuits.stateOf("pds")).toBe("open");
    circuits.record("pds", "success");
    expect(circuits.stateOf("pds")).toBe("closed");
  });
});
