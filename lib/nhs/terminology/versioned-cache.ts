/**
 * Terminology answers held in this process, keyed by the code system version the server reported. Concepts change
 * only with a release, so an answer stands until the server reports another version, when the whole cache is
 * replaced. The version is confirmed by the next call after `recheckMs`, so a new release is noticed within that
 * time. Only reference data (concepts, their terms) is kept here, never anything about a patient.
 */
export class VersionedCache<T> {
  private version: string | null = null;
  private confirmedAt = 0;
  private readonly entries = new Map<string, T>();

  constructor(private readonly options: { recheckMs: number; maxEntries: number; now?: () => number }) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The version the cached answers are from; null before the first answer. */
  get currentVersion(): string | null {
    return this.version;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * A cached answer: while its version is confirmed recently, or at any age when `stale` is allowed (the server
   * cannot be reached, and an answer from the last known release is better than none).
   */
  get(key: string, { stale = false } = {}): T | undefined {
    if (!stale && this.now() - this.confirmedAt > this.options.recheckMs) return undefined;
    const value = this.entries.get(key);
    if (value !== undefined) {
      // most recently used last, so the oldest goes first when full
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Keeps an answer from `version`; a version other than the cached one replaces everything held. */
  put(version: string, key: string, value: T): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.confirmedAt = this.now();
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
