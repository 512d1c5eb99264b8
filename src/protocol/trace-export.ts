import {mermaidSequence} from './trace-mermaid.js';
import type {KeyNode, LabelledField, Walkthrough, WalkthroughFrame} from './v2/walkthrough-types.js';

/** Format tag of the JSON trace, so readers can tell versions apart. */
export const TRACE_FORMAT = 'rep-walkthrough-trace/1';

/**
 * The JSON trace of a walkthrough: the run's parameters and every frame (sub-steps of both sides and
 * messages) with all its bytes in hex, its key schedule and transcript. Deterministic for a seeded run.
 */
export function traceToJson(walkthrough: Walkthrough): string {
  return `${JSON.stringify({format: TRACE_FORMAT, ...walkthrough}, null, 2)}\n`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => (text === '' ? '' : `\`${text}\``);
const SIDE = {client: 'client', server: 'repository', both: 'both'} as const;

function fieldValue(field: LabelledField): string {
  if (field.hex !== undefined && field.text !== undefined) return `${cell(field.text)} · ${code(field.hex)}`;
  return field.hex !== undefined ? code(field.hex) : code(cell(field.text ?? ''));
}

function fieldTable(fields: readonly LabelledField[]): string[] {
  return [
    '| field | group | bytes | value | meaning |',
    '|---|---|---|---|---|',
    ...fields.map((f) => `| \`${f.name}\` | ${f.group} | ${f.length ?? ''} | ${fieldValue(f)} | ${cell(f.meaning)} |`),
  ];
}

function treeLines(node: KeyNode, depth = 0): string[] {
  const details = [
    node.hex ? code(node.hex) : '',
    node.salt ? `salt ${node.salt.name} = ${code(node.salt.hex)}` : '',
    node.covers ? `over ${node.covers.name} = ${code(node.covers.hex)}` : '',
    node.use ? `— ${node.use}` : '',
  ].filter(Boolean).join(' ');
  return [`${'  '.repeat(depth)}- ${node.label}${details ? `: ${details}` : ''}`, ...node.children.flatMap((child) => treeLines(child, depth + 1))];
}

function frameSection(frame: WalkthroughFrame): string[] {
  const who = frame.message ? `${SIDE[frame.message.from]} → ${SIDE[frame.message.to]}` : SIDE[frame.side];
  return [
    `### ${frame.index}. ${frame.id} — ${frame.title}`,
    '',
    `*${who}, stage ${frame.stage}.* ${frame.explanation}`,
    '',
    `Prevents / provides: ${frame.prevents.join(', ')}.`,
    '',
    ...(frame.message ? ['```json', frame.message.json, '```', ''] : []),
    ...(frame.fields.length > 0 ? [...fieldTable(frame.fields), ''] : []),
    `Transcript: ${frame.transcript.rows.length} fields absorbed, running hash ${code(frame.transcript.current)}` +
      (frame.transcript.uses ? `; this step uses ${frame.transcript.uses.name}.` : '.'),
    '',
  ];
}

/**
 * A Markdown hand-out of a walkthrough: parameters, a Mermaid sequence diagram (Client, Repository; one arrow
 * per message, notes for key derivations), a per-step table, then every frame with its labelled bytes, the
 * key schedule tree and the transcript table.
 */
export function traceToMarkdown(walkthrough: Walkthrough): string {
  const last = walkthrough.frames[walkthrough.frames.length - 1];
  const lines = [
    `# The ${walkthrough.protocol} handshake, step by step`,
    '',
    '| | |',
    '|---|---|',
    `| seed | ${walkthrough.seed === undefined ? 'none (random run)' : `${code(cell(walkthrough.seed))} (deterministic: the same seed gives the same bytes)`} |`,
    `| clock | ${walkthrough.now} (${new Date(walkthrough.now).toISOString()}) |`,
    `| subject | ${cell(walkthrough.organization)} / ${cell(walkthrough.username)} |`,
    `| repository fingerprint (audience) | ${code(walkthrough.repositoryFingerprint)} |`,
    `| final transcript hash H_a3 | ${code(walkthrough.transcriptHash)} |`,
    '',
    '## Sequence',
    '',
    '```mermaid',
    mermaidSequence(walkthrough),
    '```',
    '',
    '## Steps',
    '',
    '| # | id | side | what | prevents / provides | transcript hash |',
    '|---|---|---|---|---|---|',
    ...walkthrough.frames.map((f) => `| ${f.index} | ${f.id} | ${f.message ? `${SIDE[f.message.from]} → ${SIDE[f.message.to]}` : SIDE[f.side]} | ${cell(f.title)} | ${f.prevents.join(', ')} | ${code(f.transcript.current.slice(0, 16))}… |`),
    '',
    '## Frames',
    '',
    ...walkthrough.frames.flatMap(frameSection),
    '## Key schedule',
    '',
    ...last.keySchedule.flatMap((root) => treeLines(root)),
    '',
    '## Transcript',
    '',
    `h0 = SHA-256("${walkthrough.protocol}") = ${code(last.transcript.h0)}`,
    '',
    '| # | name | bytes | value | hash after |',
    '|---|---|---|---|---|',
    ...last.transcript.rows.map((r) => `| ${r.row} | \`${r.name}\` | ${r.length} | ${code(r.hex)} | ${code(r.hash)}${r.named ? ` (**${r.named}**)` : ''} |`),
    '',
  ];
  return lines.join('\n');
}
