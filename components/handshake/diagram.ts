import type {ExchangeView, HandshakeViewState} from '../hooks/handshake-reducer.js';
import {tableOf, V2_TABLE} from './protocol-table.js';
import type {ExchangeId, StepInfo} from './protocol-steps.js';

export {DIAGRAM, type DiagramRow} from './protocol-steps.js';

/** Everything that happens in a v2 run, in protocol order: steps, and each exchange's request and answer. */
export const TIMELINE: readonly string[] = V2_TABLE.timeline;

function itemDone(state: HandshakeViewState, item: string): boolean {
  const [kind, id] = item.split(':');
  if (kind === 'request') return state.exchanges[id as ExchangeId]?.sentBytes !== undefined;
  if (kind === 'answer') return state.exchanges[id as ExchangeId]?.status !== undefined;
  return state.steps[item] !== undefined;
}

/**
 * What is running now: the first item after the last finished one (server steps count only when the server
 * lane is live). Undefined once the run is over.
 */
export function runningItem(state: HandshakeViewState): string | undefined {
  if (state.phase !== 'running') return undefined;
  const {timeline, steps} = tableOf(state.suite);
  const items = timeline.filter((item) => state.live || !steps.some((s) => s.id === item && s.side === 'server'));
  let last = -1;
  items.forEach((item, i) => {
    if (itemDone(state, item)) last = i;
  });
  return items[last + 1];
}

/** Column widths for a terminal width: two equal lanes and the message column between them. */
export function laneWidths(columns: number): {lane: number; middle: number} {
  const middle = columns >= 100 ? 20 : columns >= 70 ? 16 : 12;
  return {lane: Math.max(16, Math.floor((columns - middle - 1) / 2)), middle};
}

/** A duration, short: `0.42ms`, `3.1ms`, `27ms`, `1.2s`. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 10) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Fits text to a width, ending in `…` when cut. */
export const fit = (text: string, width: number) => (text.length <= width ? text : width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`);

/** Room kept for a step's time (`0.42ms`), so a row's description does not change when the step finishes. */
const TIME_WIDTH = 6;

/**
 * The text of a step cell after its 2-column icon, exactly `width - 2` wide: id, verb, the longest description
 * that fits, and the time on the right.
 */
export function stepCellText(info: StepInfo, durationMs: number | undefined, width: number): string {
  const time = formatMs(durationMs);
  const room = width - 2 - TIME_WIDTH - 1;
  const head = `${info.id} ${info.action}`;
  const what = [info.long, info.short].find((text) => head.length + 1 + text.length <= room);
  const text = fit(what ? `${head} ${what}` : head, Math.max(0, room + TIME_WIDTH + 1 - (time ? time.length + 1 : 0)));
  return `${text.padEnd(width - 2 - time.length)}${time}`;
}

/** The arrow of a message in the middle column, exactly `width` wide. */
export function arrowText(label: string, direction: 'request' | 'answer', width: number): string {
  const inner = width - 3;
  const text = fit(label, Math.max(0, inner - 2));
  const left = Math.max(1, Math.floor((inner - text.length) / 2));
  const line = `${'─'.repeat(left)}${text}${'─'.repeat(Math.max(1, inner - text.length - left))}`.slice(0, inner);
  return direction === 'request' ? ` ${line}▶ ` : ` ◀${line} `;
}

/** How a message's arrow reads: request `A1 412B`, answer `200 318B` (`okStatus`: the success status), refusal `403 subject_suspended`. */
export function messageLabel(view: ExchangeView | undefined, label: string, direction: 'request' | 'answer', okStatus = 200): string | undefined {
  if (direction === 'request') return view?.sentBytes === undefined ? undefined : `${label} ${view.sentBytes}B`;
  if (view?.status === undefined) return view?.failed ? '✗ no answer' : undefined;
  return view.status === okStatus ? `${view.status} ${view.answerBytes}B` : `${view.status} ${view.errorCode ?? ''}`.trim();
}

/** The server lane without server events: what the client observed of the request at this row. */
export function observedText(view: ExchangeView | undefined): string {
  if (view?.sentBytes === undefined) return 'not sent yet';
  if (view.status === undefined) return view.failed ? 'no answer' : 'waiting for the answer';
  const rtt = view.answeredAt !== undefined && view.sentAt !== undefined ? ` in ${formatMs(view.answeredAt - view.sentAt)}` : '';
  return `answered ${view.status}${view.errorCode ? ` ${view.errorCode}` : ''}${rtt}`;
}
