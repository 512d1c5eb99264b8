import {writeFileSync} from 'node:fs';
import {traceToJson, traceToMarkdown, TRACE_FORMAT} from '../../../src/protocol/trace-export.js';
import {mermaidSequence} from '../../../src/protocol/trace-mermaid.js';
import {buildWalkthrough} from '../../../src/protocol/v2/walkthrough.js';

const walkthrough = buildWalkthrough({seed: 'demo'});

describe('traceToJson', () => {
  it('holds every frame with its bytes, and is identical for the same seed', () => {
    const json = traceToJson(walkthrough);
    const parsed = JSON.parse(json);
    expect(parsed.format).toBe(TRACE_FORMAT);
    expect(parsed.seed).toBe('demo');
    expect(parsed.frames).toHaveLength(walkthrough.frames.length);
    const a0 = parsed.frames.find((f: {id: string}) => f.id === 'A0 request');
    expect(a0.fields.find((f: {name: string}) => f.name === 'client_ephemeral').hex).toMatch(/^04[0-9a-f]{128}$/);
    expect(traceToJson(buildWalkthrough({seed: 'demo'}))).toBe(json);
  });
});

describe('traceToMarkdown', () => {
  const markdown = traceToMarkdown(walkthrough);
  if (process.env.WALKTHROUGH_MD) writeFileSync(process.env.WALKTHROUGH_MD, markdown);

  it('has a Mermaid sequence diagram with Client and Repository and one arrow per message', () => {
    const block = markdown.match(/```mermaid\n([\s\S]*?)\n```/);
    expect(block).not.toBeNull();
    const diagram = block?.[1] ?? '';
    expect(diagram).toBe(mermaidSequence(walkthrough));
    expect(diagram).toMatch(/^sequenceDiagram\n {4}participant C as Client\n {4}participant R as Repository/);
    const arrows = diagram.split('\n').filter((l) => /->>/.test(l));
    expect(arrows).toHaveLength(6);
    const expected = [
      ['C->>R', 'A0 request: POST /v2/session/a0', 'client_ephemeral='],
      ['R-->>C', 'A0 answer: 200 (/v2/session/a0)', 'signature='],
      ['C->>R', 'A1 request: POST /v2/session/a1', 'ciphertext='],
      ['R-->>C', 'A2 answer: 200 (/v2/session/a1)', 'tag='],
      ['C->>R', 'A3 request: POST /v2/session/a3', 'finished='],
      ['R-->>C', 'A3 answer: 200 (/v2/session/a3)', 'finished='],
    ];
    expected.forEach(([arrow, head, field], i) => {
      expect(arrows[i]).toContain(`${arrow}: ${head}`);
      expect(arrows[i]).toContain(field);
    });
    for (const line of diagram.split('\n')) expect(line).not.toMatch(/[;#]/);
  });

  it('notes the key derivations on both sides', () => {
    const notes = markdown.split('\n').filter((l) => l.includes('Note over'));
    expect(notes.some((n) => n.includes('Note over R: A0.4 Z_ch'))).toBe(true);
    expect(notes.some((n) => n.includes('Note over C: A0.6 Z_ch'))).toBe(true);
    expect(notes.some((n) => n.includes('Note over R: A2.4 Z_s') && n.includes('k_finished'))).toBe(true);
    expect(notes.some((n) => n.includes('Note over C: A3.3 Z_s'))).toBe(true);
    expect(notes.some((n) => n.includes('A3.4 client_finished'))).toBe(true);
  });

  it('follows the diagram with a per-step table, every frame, the key schedule and the transcript', () => {
    const steps = markdown.slice(markdown.indexOf('## Steps'), markdown.indexOf('## Frames'));
    for (const frame of walkthrough.frames) expect(steps).toContain(`| ${frame.index} | ${frame.id} |`);
    expect(markdown.indexOf('```mermaid')).toBeLessThan(markdown.indexOf('## Steps'));
    expect(markdown).toContain('### 1. A0.1 — ');
    expect(markdown).toContain(walkthrough.transcriptHash);
    expect(markdown).toContain('## Key schedule');
    expect(markdown).toContain('| 17 | `client_finished` | 32 |');
  });
});
