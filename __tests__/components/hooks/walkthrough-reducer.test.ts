import {initialWalkthroughState, walkthroughReducer, type WalkthroughAction, type WalkthroughState} from '../../../components/hooks/walkthrough-reducer.js';

const frames = (counts: number[]) => ({frames: counts.map((n) => ({fields: Array.from({length: n})}))}) as never;
const run = (state: WalkthroughState, ...actions: WalkthroughAction[]) => actions.reduce(walkthroughReducer, state);

describe('walkthroughReducer', () => {
  const start = initialWalkthroughState(frames([3, 2, 0, 4]));

  it('starts paused on the first frame, bytes pane, nothing selected beyond the first field', () => {
    expect(start).toEqual({index: 0, fieldCounts: [3, 2, 0, 4], pane: 'bytes', selected: 0, expanded: false, scroll: 0, exported: {status: 'none'}});
  });

  it('goes forward and back within the frames, never past either end', () => {
    expect(run(start, {type: 'back'})).toBe(start);
    expect(run(start, {type: 'next'}).index).toBe(1);
    expect(run(start, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'next'}).index).toBe(3);
    expect(run(start, {type: 'next'}, {type: 'next'}, {type: 'back'}).index).toBe(1);
    expect(run(start, {type: 'last'}).index).toBe(3);
    expect(run(start, {type: 'last'}, {type: 'first'}).index).toBe(0);
  });

  it('selects fields within the frame and resets the selection on a new frame', () => {
    const moved = run(start, {type: 'down', max: 0}, {type: 'down', max: 0}, {type: 'down', max: 0});
    expect(moved.selected).toBe(2);
    expect(run(moved, {type: 'up', min: 0}).selected).toBe(1);
    expect(run(moved, {type: 'up', min: 0}, {type: 'up', min: 0}, {type: 'up', min: 0}).selected).toBe(0);
    expect(run(moved, {type: 'next'}).selected).toBe(0);
    expect(run(start, {type: 'next'}, {type: 'next'}, {type: 'down', max: 0}).selected).toBe(0);
  });

  it('expands and folds the selected field; up/down then scroll within bounds', () => {
    const open = run(start, {type: 'down', max: 0}, {type: 'toggle-expand'});
    expect(open).toMatchObject({selected: 1, expanded: true, scroll: 0});
    const scrolled = run(open, {type: 'down', max: 2}, {type: 'down', max: 2}, {type: 'down', max: 2});
    expect(scrolled).toMatchObject({selected: 1, scroll: 2});
    expect(run(scrolled, {type: 'up', min: 0}, {type: 'up', min: 0}, {type: 'up', min: 0}).scroll).toBe(0);
    expect(run(scrolled, {type: 'toggle-expand'})).toMatchObject({expanded: false, scroll: 0, selected: 1});
    expect(run(open, {type: 'next'})).toMatchObject({index: 1, expanded: false, selected: 0});
  });

  it('does not expand in a frame without fields or outside the bytes pane', () => {
    const empty = run(start, {type: 'next'}, {type: 'next'});
    expect(run(empty, {type: 'toggle-expand'})).toBe(empty);
    const keys = run(start, {type: 'next-pane'});
    expect(run(keys, {type: 'toggle-expand'})).toBe(keys);
  });

  it('cycles the panes and scrolls them between the bounds the view gives (negative included)', () => {
    const keys = run(start, {type: 'next-pane'});
    expect(keys.pane).toBe('keys');
    expect(run(keys, {type: 'next-pane'}).pane).toBe('transcript');
    expect(run(keys, {type: 'next-pane'}, {type: 'next-pane'}).pane).toBe('bytes');
    expect(run(keys, {type: 'up', min: -2}, {type: 'up', min: -2}, {type: 'up', min: -2}).scroll).toBe(-2);
    expect(run(keys, {type: 'down', max: 1}, {type: 'down', max: 1}).scroll).toBe(1);
    expect(run(keys, {type: 'down', max: 1}, {type: 'next'})).toMatchObject({pane: 'keys', scroll: 0});
  });

  it('records the export result', () => {
    expect(run(start, {type: 'exported', json: '/a.json', markdown: '/a.md'}).exported).toEqual({status: 'done', json: '/a.json', markdown: '/a.md'});
    expect(run(start, {type: 'export-failed', message: 'EACCES'}).exported).toEqual({status: 'failed', message: 'EACCES'});
  });
});
