import {BoundedTtlMap, NonceCache} from '../../../src/protocol/bounded-map.js';
import {nonceKey} from '../../../src/protocol/v2/responder-state.js';

describe('BoundedTtlMap (pending channels and sessions, property 9)', () => {
  it('gives an entry once, and never after it expired', () => {
    let now = 1000;
    const map = new BoundedTtlMap<string>(10, () => now);
    map.set('a', 'A', 2000);
    map.set('b', 'B', 2000);
    expect(map.take('a')).toBe('A');
    expect(map.take('a')).toBeUndefined();
    now = 2000;
    expect(map.take('b')).toBeUndefined();
  });

  it('stays at its cap by evicting the oldest entries', () => {
    const map = new BoundedTtlMap<number>(3, () => 0);
    for (let i = 0; i < 10; i++) map.set(`k${i}`, i, 100);
    expect(map.size).toBe(3);
    expect(map.evicted).toBe(7);
    expect(map.take('k0')).toBeUndefined();
    expect(map.take('k9')).toBe(9);
  });
});

describe('NonceCache (A0 replay cache, property 5)', () => {
  it('refuses a nonce seen before', () => {
    const cache = new NonceCache(10, 60_000, () => 100_000);
    expect(cache.remember('n1', 100_000)).toBe('fresh');
    expect(cache.remember('n1', 100_000)).toBe('replayed');
  });

  it('under load, never lets an evicted nonce back in: the floor rises to its timestamp', () => {
    const cache = new NonceCache(2, 60_000, () => 100_000);
    expect(cache.remember('n1', 99_000)).toBe('fresh');
    expect(cache.remember('n2', 99_500)).toBe('fresh');
    expect(cache.remember('n3', 99_800)).toBe('fresh'); // evicts n1, floor = 99 000
    expect(cache.size).toBe(2);
    expect(cache.remember('n1', 99_000)).toBe('below-floor');
    expect(cache.remember('n4', 100_000)).toBe('fresh');
  });

  it('forgets nonces once their timestamp leaves the window, with real epoch clocks, long after it was created', () => {
    let now = Date.UTC(2026, 0, 1);
    const cache = new NonceCache(10, 60_000, () => now);
    now += 40 * 24 * 3600 * 1000; // 40 days of uptime: beyond 2^31 ms after the cache was made
    expect(cache.remember('a', now - 1_000)).toBe('fresh');
    expect(cache.remember('a', now - 1_000)).toBe('replayed');
    now += 61_000;
    expect(cache.remember('b', now)).toBe('fresh'); // 'a' (61 s old) is dropped on the way
    expect(cache.size).toBe(1);
  });
});

describe('nonceKey (the replay cache key of a client nonce)', () => {
  it('is the first 12 bytes: nonces that differ there are distinct keys, the rest is not kept', () => {
    const nonce = Buffer.alloc(32, 7);
    expect(nonceKey(nonce)).toHaveLength(12);
    expect(nonceKey(nonce)).toBe(nonceKey(Buffer.concat([nonce.subarray(0, 12), Buffer.alloc(20, 9)])));
    const other = Buffer.from(nonce);
    other[11] ^= 1;
    expect(nonceKey(other)).not.toBe(nonceKey(nonce));
  });
});
