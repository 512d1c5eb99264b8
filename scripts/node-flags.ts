import {readFileSync} from 'node:fs';

/**
 * The node options a bin script's shebang asks for (`#!/usr/bin/env -S node --max-semi-space-size=4`), so
 * that the scripts and tests which start it as `node <script>` run it exactly as `rep-server` does.
 */
export function shebangNodeFlags(script: string): string[] {
  const first = readFileSync(script, 'utf8').split('\n', 1)[0];
  const match = /^#!\S*env(?:\s+-S)?\s+node(?:\s+(.*))?$/.exec(first);
  return match?.[1] ? match[1].trim().split(/\s+/) : [];
}
