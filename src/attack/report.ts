import type {AttackResult, OracleReport} from './types.js';

/** What `rep attack --json` prints per result. */
export interface AttackJsonRow {
  readonly id: string;
  readonly suite: string;
  readonly verdict: string;
  readonly expected: string;
  readonly pass: boolean;
  readonly detail: string;
}

/** The `--json` rows: `{"id","suite","verdict","expected","pass","detail"}`. */
export function toJsonRows(results: readonly AttackResult[]): AttackJsonRow[] {
  return results.map(({id, suite, verdict, expected, pass, detail}) => ({id, suite, verdict, expected, pass, detail}));
}

/**
 * A short label of what stopped the attack (or why it worked): `check` up to its first `;`, cut to `width`
 * characters.
 */
export function shortCheck(result: AttackResult, width = 60): string {
  const first = result.check.split(/;\s/)[0].trim();
  return first.length <= width ? first : `${first.slice(0, width - 1)}…`;
}

/** One line about the padding oracle's run. */
export function oracleLine(suite: string, oracle: OracleReport): string {
  if (oracle.stoppedBy === 'refused') return `${suite}: refused after ${oracle.queries} quer${oracle.queries === 1 ? 'y' : 'ies'}, 0 bytes recovered`;
  return `${suite}: ${oracle.bytesRecovered}/${oracle.totalBytes} bytes of A1 recovered (${oracle.wrongBytes} wrong) with ${oracle.queries} queries in ${(oracle.elapsedMs / 1000).toFixed(1)} s (${oracle.stoppedBy})`;
}

/** The human table: one row per (scenario, suite), then the oracle's figures and the pass count. */
export function formatTable(results: readonly AttackResult[], width = 120): string[] {
  const rows = results.map((r) => [r.id, r.suite, r.attacker, r.verdict, r.expected, r.pass ? 'yes' : 'NO', '']);
  const header = ['id', 'suite', 'attacker', 'verdict', 'expected', 'pass', 'stopped by / why'];
  const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fixed = widths.reduce((a, b) => a + b + 2, 0);
  const checkWidth = Math.max(30, width - fixed);
  results.forEach((r, i) => (rows[i][6] = shortCheck(r, checkWidth)));
  const render = (cells: string[]) => cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd();
  const lines = [render(header), render(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(16))), ...rows.map(render)];
  const oracles = results.filter((r) => r.id === 'T2' && r.oracle);
  if (oracles.length > 0) {
    lines.push('', 'T2 padding oracle:');
    for (const r of oracles) lines.push(`  ${oracleLine(r.suite, r.oracle!)}`);
  }
  const passed = results.filter((r) => r.pass).length;
  lines.push('', `${passed}/${results.length} as expected${passed === results.length ? '' : ` — ${results.length - passed} NOT as expected`}`);
  return lines;
}
