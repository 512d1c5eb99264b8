import {arrowText, DIAGRAM, formatMs, laneWidths, messageLabel, observedText, stepCellText, TIMELINE} from '../../../components/handshake/diagram.js';
import {STEPS} from '../../../components/handshake/protocol-steps.js';
import {CLASSIC_TABLE, V2_TABLE} from '../../../components/handshake/protocol-table.js';

describe('sequence diagram layout', () => {
  it('places every sub-step of docs/PROTOCOL.md §13 exactly once, on its side, in 15 rows', () => {
    const placed = DIAGRAM.flatMap((row) => [row.client, row.server]).filter(Boolean).sort();
    expect(placed).toEqual(STEPS.map((s) => s.id).sort());
    for (const row of DIAGRAM) {
      if (row.client) expect(STEPS.find((s) => s.id === row.client)?.side).toBe('client');
      if (row.server) expect(STEPS.find((s) => s.id === row.server)?.side).toBe('server');
    }
    expect(DIAGRAM).toHaveLength(15);
    expect(TIMELINE.slice(0, 6)).toEqual(['A0.1', 'request:a0', 'A0.2', 'A0.3', 'A0.4', 'answer:a0']);
  });

  it.each([60, 80, 100, 132, 200])('fits %i columns exactly: every cell and arrow has its width', (columns) => {
    const {lane, middle} = laneWidths(columns);
    expect(2 * lane + middle).toBeLessThanOrEqual(columns);
    for (const step of STEPS) {
      for (const ms of [undefined, 0.123, 4.56, 78.9, 12345]) expect(stepCellText(step, ms, lane)).toHaveLength(lane - 2);
    }
    expect(arrowText('A1 449B', 'request', middle)).toHaveLength(middle);
    expect(arrowText('403 subject_suspended', 'answer', middle)).toHaveLength(middle);
  });

  it('abbreviates at 80 columns, describes more when wider; the time stays on the right', () => {
    const verify = STEPS.find((s) => s.id === 'A2.2')!;
    expect(stepCellText(verify, 0.89, laneWidths(80).lane)).toBe('A2.2 verify subject    0.89ms');
    expect(stepCellText(verify, undefined, laneWidths(80).lane)).toBe('A2.2 verify subject          ');
    expect(stepCellText(verify, 0.89, laneWidths(120).lane)).toMatch(/^A2\.2 verify subject sig, status\s+0\.89ms$/);
    expect(stepCellText(verify, 0.89, 22)).toMatch(/^A2\.2 verify\s+0\.89ms$/);
    expect(arrowText('A0 218B', 'request', 16)).toBe(' ───A0 218B───▶ ');
    expect(arrowText('200 310B', 'answer', 16)).toBe(' ◀──200 310B─── ');
  });

  it('formats times and labels', () => {
    expect([formatMs(0.123), formatMs(3.14), formatMs(27.4), formatMs(1234), formatMs(undefined)]).toEqual(['0.12ms', '3.1ms', '27ms', '1.2s', '']);
    expect(messageLabel({sentBytes: 218}, 'A0', 'request')).toBe('A0 218B');
    expect(messageLabel({sentBytes: 218}, 'A0', 'answer')).toBeUndefined();
    expect(messageLabel({sentBytes: 1, failed: true}, 'A0', 'answer')).toBe('✗ no answer');
    expect(messageLabel({status: 403, errorCode: 'subject_suspended'}, 'A2', 'answer')).toBe('403 subject_suspended');
    expect(observedText({sentBytes: 1, sentAt: 1, status: 200, answeredAt: 5.5})).toBe('answered 200 in 4.5ms');
    expect(observedText({sentBytes: 1})).toBe('waiting for the answer');
  });

  it.each([V2_TABLE, CLASSIC_TABLE])('$suite: every step of the table is in the diagram once, on its side; every step fits 80 columns', (table) => {
    const placed = table.diagram.flatMap((row) => [row.client, row.server]).filter(Boolean).sort();
    expect(placed).toEqual(table.steps.map((s) => s.id).sort());
    for (const row of table.diagram) {
      if (row.client) expect(table.steps.find((s) => s.id === row.client)?.side).toBe('client');
      if (row.server) expect(table.steps.find((s) => s.id === row.server)?.side).toBe('server');
      if (row.message) expect(table.exchanges.map((e) => e.id)).toContain(row.message.exchange);
    }
    for (const step of table.steps) expect(stepCellText(step, 12.3, laneWidths(80).lane)).toHaveLength(laneWidths(80).lane - 2);
  });

  it('classic: 13 rows, two round trips on POST /sessions told apart by stage, no key confirmation', () => {
    expect(CLASSIC_TABLE.diagram).toHaveLength(13);
    expect(CLASSIC_TABLE.steps.map((s) => s.id)).not.toContain('A3.4');
    expect(CLASSIC_TABLE.timeline.slice(0, 6)).toEqual(['A0.1', 'request:a0', 'A0.2', 'A0.3', 'A0.4', 'answer:a0']);
    expect(CLASSIC_TABLE.exchangeOf({path: '/sessions', stage: 'A0'})?.id).toBe('a0');
    expect(CLASSIC_TABLE.exchangeOf({path: '/sessions', stage: 'A2'})).toMatchObject({id: 'a1', okStatus: 201});
    expect(CLASSIC_TABLE.exchangeOf({path: '/v2/session/a0', stage: 'A0'})).toBeUndefined();
    expect(messageLabel({status: 201, answerBytes: 300}, 'A2', 'answer', 201)).toBe('201 300B');
  });
});

