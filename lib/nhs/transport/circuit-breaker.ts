/**
 * Stops calling an API that keeps failing, so a service that is down is not hammered by every
 * page and every person waiting at a screen gets an answer at once. After a pause one trial call
 * goes through; if it works the API is back, if not the pause starts again.
 */
export interface CircuitSettings {
  /** Consecutive failed calls (after their retries) that open the circuit. */
  failuresToOpen: number;
  openMilliseconds: number;
  now?: () => number;
}

export type CircuitDecision = { kind: "allowed" } | { kind: "open"; retryAt: Date };

interface CircuitState {
  consecutiveFailures: number;
  openUntil: number | null;
  trialInFlight: boolean;
}

export class CircuitBreakers<Name extends string = string> {
  private readonly circuits = new Map<Name, CircuitState>();

  constructor(private readonly settings: CircuitSettings) {}

  private now() {
    return this.settings.now?.() ?? Date.now();
  }

  private circuit(name: Name): CircuitState {
    let state = this.circuits.get(name);
    if (!state) {
      state = { consecutiveFailures: 0, openUntil: null, trialInFlight: false };
      this.circuits.set(name, state);
    }
    return state;
  }

  allow(name: Name): CircuitDecision {
    const state = this.circuit(name);
    if (state.openUntil === null) return { kind: "allowed" };
    if (this.now() < state.openUntil || state.trialInFlight) return { kind: "open", retryAt: new Date(Math.max(state.openUntil, this.now())) };
    state.trialInFlight = true;
    return { kind: "allowed" };
  }

  record(name: Name, outcome: "success" | "failure") {
    const state = this.circuit(name);
    state.trialInFlight = false;
    if (outcome === "success") {
      state.consecutiveFailures = 0;
      state.openUntil = null;
      return;
    }
    state.consecutiveFailures += 1;
    if (state.openUntil !== null || state.consecutiveFailures >= this.settings.failuresToOpen) state.openUntil = this.now() + this.settings.openMilliseconds;
  }

  /** Where the API's circuit stands, without changing it: half-open once the pause is over and a trial call may go. */
  stateOf(name: Name): "closed" | "open" | "half-open" {
    const state = this.circuits.get(name);
    if (!state || state.openUntil === null) return "closed";
    return this.now() < state.openUntil || state.trialInFlight ? "open" : "half-open";
  }

  /** For the status of each API: open circuits and when they will next try. */
  openCircuits(): Array<{ name: Name; retryAt: Date }> {
    return [...this.circuits.entries()]
      .filter(([, state]) => state.openUntil !== null && state.openUntil > this.now())
      .map(([name, state]) => ({ name, retryAt: new Date(state.openUntil!) }));
  }
}
