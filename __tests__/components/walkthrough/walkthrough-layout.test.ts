import {initialWalkthroughState, walkthroughReducer, type WalkthroughState} from '../../../components/hooks/walkthrough-reducer.js';
import {lineWidth, wrapText, foldHex, hexDump} from '../../../components/walkthrough/lines.js';
import {APP_HEADER_LINES, preventsText, screenLines} from '../../../components/walkthrough/screen-lines.js';
import {buildWalkthrough} from '../../../src/protocol/v2/walkthrough.js';

const walkthrough = buildWalkthrough({seed: 'demo'});
const text = (lines: ReturnType<typeof screenLines>['lines']) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

describe('walkthrough layout', () => {
  it('fits every frame, pane and expanded field in 80×24 (with the app header and one spare line)', () => {
    for (const [columns, rows] of [[80, 24], [120, 40]]) {
      for (const frame of walkthrough.frames) {
        let state: WalkthroughState = {...initialWalkthroughState(walkthrough), index: frame.index};
        const states = [state];
        for (let i = 0; i < frame.fields.length; i++) states.push({...state, selected: i}, {...state, selected: i, expanded: true});
        state = walkthroughReducer(state, {type: 'next-pane'});
        states.push(state, walkthroughReducer(state, {type: 'next-pane'}));
        for (const s of states) {
          const layout = screenLines(walkthrough, frame, s, columns, rows, 'demo');
          expect(layout.lines.length).toBeLessThanOrEqual(rows - 1 - APP_HEADER_LINES);
          for (const line of layout.lines) expect(lineWidth(line)).toBeLessThanOrEqual(columns);
        }
      }
    }
  });

  it('shows the frame header with the seed, the title, the explanation and the folded bytes', () => {
    const frame = walkthrough.frames.find((f) => f.id === 'A0 request');
    if (!frame) throw new Error('no A0 request');
    const screen = text(screenLines(walkthrough, frame, {...initialWalkthroughState(walkthrough), index: frame.index, selected: 1}, 80, 24, 'demo').lines);
    expect(screen).toContain(`A0 request · client · send`);
    expect(screen).toContain(`3/${walkthrough.frames.length} · seed "demo"`);
    expect(screen).toContain('client → repository  POST /v2/session/a0');
    expect(screen).toMatch(/❯ client_ephemeral +65 B {2}[0-9a-f]{32}…\(65 bytes\)/);
    expect(screen).toContain("E_c: the client's ephemeral P-256 point");
    expect(screen).toContain('[bytes]');
  });

  it('scrolls the key pane to the node the frame is about', () => {
    const frame = walkthrough.frames.find((f) => f.id === 'A3.5');
    if (!frame) throw new Error('no A3.5');
    const state = {...initialWalkthroughState(walkthrough), index: frame.index, pane: 'keys' as const};
    const layout = screenLines(walkthrough, frame, state, 80, 24);
    expect(text(layout.lines)).toContain('server_finished = HMAC');
    expect(layout.scroll.min).toBeLessThan(0);
    expect(text(layout.lines)).toContain('random run (no seed)');
  });

  it('wraps, folds and dumps', () => {
    expect(wrapText('aaa bbb ccc', 8)).toEqual(['aaa bbb', 'ccc']);
    expect(foldHex('ab'.repeat(65), 65)).toBe(`${'ab'.repeat(16)}…(65 bytes)`);
    expect(foldHex('abcd')).toBe('abcd');
    expect(hexDump('000102030405', 4)).toEqual(['0000  00 01 02 03', '0004  04 05']);
    expect(preventsText(['property 2', 'W4', 'T5', 'T6'])).toBe('prevents T5, T6 · closes W4 · property 2');
  });
});
