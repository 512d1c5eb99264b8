/**
 * The fuzzer's report: the counts of one run (bad and total requests, bad requests per route, answers per
 * status, the violations found, the time taken), an empty one to start from, and the sum of two runs.
 */

/** Counts of one fuzz run. */
export interface FuzzStats {
  /** Generated bad requests sent (HTTP requests and raw connections). */
  badRequests: number;
  /** Every request, including the valid set-up requests of the scenarios. */
  requests: number;
  /** Bad requests per route. */
  routes: Record<string, number>;
  /** Answers per status (0: a raw connection closed without an answer). */
  statuses: Record<string, number>;
  violations: string[];
  seconds: number;
}

/** Adds `b`'s counts into `a`. */
export function mergeStats(a: FuzzStats, b: FuzzStats): FuzzStats {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    for (const [k, v] of Object.entries(y)) x[k] = (x[k] ?? 0) + v;
    return x;
  };
  return {
    badRequests: a.badRequests + b.badRequests, requests: a.requests + b.requests, routes: add({...a.routes}, b.routes),
    statuses: add({...a.statuses}, b.statuses), violations: [...a.violations, ...b.violations], seconds: a.seconds + b.seconds,
  };
}

export const emptyStats = (): FuzzStats => ({badRequests: 0, requests: 0, routes: {}, statuses: {}, violations: [], seconds: 0});
