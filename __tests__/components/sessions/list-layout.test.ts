import {cell, timeLeft} from '../../../components/sessions/format.js';
import {listColumns, windowStart} from '../../../components/sessions/list-layout.js';

describe('session list layout', () => {
  it.each([40, 60, 79, 99, 140, 200])('fits a row into %i columns', (width) => {
    const c = listColumns(width, 5);
    const row = 2 + c.organization + 1 + c.username + 1 + c.suite + (c.server > 0 ? 1 + c.server : 0) + 1 + c.date + 1 + c.date;
    expect(row).toBeLessThanOrEqual(Math.max(width, 2 + 5 + 1 + 5 + 1 + 5 + 1 + 11 + 1 + 11));
    expect(c.server === 0 || c.server >= 8).toBe(true);
  });

  it('keeps the server and whole column names at 80 columns (dates without the year), full dates from 90', () => {
    const c = listColumns(79, 5);
    expect(c.date).toBe(11);
    expect(c.organization).toBeGreaterThanOrEqual('organization'.length);
    expect(c.server).toBeGreaterThanOrEqual('127.0.0.1:41234'.length);
    expect(listColumns(99, 5).date).toBe(16);
  });

  it('keeps the selected row inside the window', () => {
    expect(windowStart(0, 40, 10)).toBe(0);
    expect(windowStart(20, 40, 10)).toBe(15);
    expect(windowStart(39, 40, 10)).toBe(30);
    expect(windowStart(2, 3, 10)).toBe(0);
    for (let i = 0; i < 40; i++) {
      const start = windowStart(i, 40, 7);
      expect(i >= start && i < start + 7).toBe(true);
    }
  });

  it('cuts cells with an ellipsis and pads them', () => {
    expect(cell('organization', 6)).toBe('organ…');
    expect(cell('acme', 6)).toBe('acme  ');
  });

  it('says how long a session has left', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(timeLeft('2030-01-01T00:00:00Z', now)).toBe('expired');
    expect(timeLeft('2030-01-01T00:05:30Z', now)).toBe('in 5 min');
    expect(timeLeft('2030-01-02T01:30:00Z', now)).toBe('in 25 h 30 min');
    expect(timeLeft('2030-01-05T00:00:00Z', now)).toBe('in 4 days');
  });
});
