import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {traceToJson, traceToMarkdown} from '../protocol/trace-export.js';
import type {Walkthrough} from '../protocol/v2/walkthrough-types.js';

/**
 * The base file name of a walkthrough's exports: `rep-walkthrough-<seed>` (the seed reduced to `a-z 0-9 -`)
 * or `rep-walkthrough-random-<now>` for an unseeded run.
 */
export function traceFileBase(walkthrough: Pick<Walkthrough, 'seed' | 'now'>): string {
  if (walkthrough.seed === undefined) return `rep-walkthrough-random-${walkthrough.now}`;
  const slug = walkthrough.seed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `rep-walkthrough-${slug === '' ? 'seed' : slug}`;
}

/** Writes one export: JSON when `file` ends in `.json`, Markdown otherwise. Answers the absolute path. */
export function writeTraceFile(walkthrough: Walkthrough, file: string): string {
  const path = resolve(file);
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, path.toLowerCase().endsWith('.json') ? traceToJson(walkthrough) : traceToMarkdown(walkthrough));
  return path;
}

/** Writes both exports (JSON trace and Markdown with the Mermaid diagram) into `dir`; answers their paths. */
export function writeTraceFiles(walkthrough: Walkthrough, dir: string): {json: string; markdown: string} {
  const base = join(dir, traceFileBase(walkthrough));
  return {json: writeTraceFile(walkthrough, `${base}.json`), markdown: writeTraceFile(walkthrough, `${base}.md`)};
}
