/**
 * A map whose entries expire and whose size is capped (hardened suite property 9). Entries are kept in
 * insertion order; expired ones are swept from the front on every insert, and when the cap is reached the
 * oldest entry is evicted. `take` removes the entry it returns (one use per pending channel or session).
 */
export class BoundedTtlMap<V> {
  private readonly entries = new Map<string, {value: V; expiresAt: number}>();
  /** Entries evicted because the map was full (not because they expired). */
  evicted = 0;

  constructor(private readonly capacity: number, private readonly clock: () => number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds an entry that expires at `expiresAt` (ms); sweeps expired entries and evicts the oldest when full. */
  set(key: string, value: V, expiresAt: number): void {
    this.sweep();
    this.entries.delete(key);
    while (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.evicted++;
    }
    this.entries.set(key, {value, expiresAt});
  }

  /** Removes and returns the entry when present and not expired. */
  take(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    return entry.expiresAt > this.clock() ? entry.value : undefined;
  }

  /** Drops expired entries from the front (insertion order is expiry order for a fixed TTL). */
  sweep(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}

/**
 * The A0 replay cache (property 5), keyed on client nonces — never on signature bytes. Bounded: when full,
 * the oldest nonce is evicted and the acceptance floor rises to its timestamp, so an evicted nonce can never
 * be replayed (its timestamp is at or below the floor). Timestamps come from clients but are bounded to
 * [now − past, now + future] before they get here. They are kept relative to the cache's creation, so that
 * they stay small integers that V8 stores inline in the map (no boxed number per entry: the cache holds up
 * to `capacity` entries, 200 000 by default, and an A0 flood fills it).
 */
export class NonceCache {
  private readonly nonces = new Map<string, number>();
  private readonly epoch: number;
  private floor: number;

  constructor(private readonly capacity: number, private readonly pastMs: number, private readonly clock: () => number) {
    this.epoch = clock();
    this.floor = -this.epoch;
  }

  get size(): number {
    return this.nonces.size;
  }

  /**
   * Records a nonce: `fresh`, `replayed` when it was seen already, or `below-floor` when its timestamp is at
   * or below the floor (only after evictions under load).
   */
  remember(nonce: string, timestamp: number): 'fresh' | 'replayed' | 'below-floor' {
    const now = this.clock() - this.epoch;
    const at = timestamp - this.epoch;
    for (const [key, seen] of this.nonces) {
      if (seen >= now - this.pastMs) break;
      this.nonces.delete(key);
    }
    if (this.nonces.has(nonce)) return 'replayed';
    if (at <= this.floor) return 'below-floor';
    while (this.nonces.size >= this.capacity) {
      const [oldest, seen] = this.nonces.entries().next().value as [string, number];
      this.nonces.delete(oldest);
      this.floor = Math.max(this.floor, seen);
    }
    this.nonces.set(nonce, at);
    return 'fresh';
  }
}
