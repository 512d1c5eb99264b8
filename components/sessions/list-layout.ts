/** Column widths of the session list for a terminal width (the flexible columns shrink, then the server hides). */
export interface ListColumns {
  readonly organization: number;
  readonly username: number;
  readonly suite: number;
  readonly server: number;
  readonly date: number;
}

/** Widths for `width` columns (the marker `❯ ` and one space between columns included). */
export function listColumns(width: number, suite: number): ListColumns {
  const date = width >= 90 ? 16 : 11;
  const flex = Math.max(10, width - 2 - suite - 2 * date - 5);
  const name = Math.max(5, Math.min(20, Math.floor(flex * 0.3)));
  const server = flex - 2 * name - 1;
  return {organization: name, username: name, suite, server: server >= 8 ? Math.min(server, 40) : 0, date};
}

/** The first row of a window of `height` rows over `count` rows that keeps row `index` in view (centred when it can). */
export function windowStart(index: number, count: number, height: number): number {
  return Math.max(0, Math.min(index - Math.floor(height / 2), count - height));
}
