import type {HandshakeEvent} from '../protocol/events.js';

const STAGE_TITLES: Record<string, string> = {
  A0: 'anonymous channel (ephemeral ECDH, repository-signed)',
  A1: 'signed session request (subject key)',
  A2: 'repository answer (subject verified, session keys, signed)',
  A3: 'verify, confirm keys, store',
  session: 'session request',
};

const ms = (value: number) => `${value.toFixed(1)} ms`;
/** With both lanes printed, stage lines say whose they are. */
const side = (who: string, detailed: boolean) => (detailed ? `${who.padEnd(6)} ` : '');
/** Requests leave the client and reach the server; responses go the other way. */
const arrow = (who: string, leg: 'out' | 'in') => ((who === 'client') === (leg === 'out') ? '→' : '←');

/**
 * One plain-text line per handshake event, for non-interactive output. Without `detailed`, only stage
 * results are printed; with it every step and message too (the same events the TUI draws).
 */
export function eventLine(event: HandshakeEvent, detailed: boolean): string | undefined {
  switch (event.type) {
    case 'stage-done':
      return `${side(event.side, detailed)}${event.stage} ✓ ${STAGE_TITLES[event.stage]} (${ms(event.durationMs)})`;
    case 'stage-failed':
      return `${side(event.side, detailed)}${event.stage} ✗ ${STAGE_TITLES[event.stage]}: ${event.code}`;
    case 'step':
      return detailed ? `   ${event.side.padEnd(6)} ${event.step} ${event.action.padEnd(8)} ${event.title} (${ms(event.durationMs)})` : undefined;
    case 'message':
      if (!detailed) return undefined;
      return event.direction === 'request'
        ? `   ${event.side.padEnd(6)} ${arrow(event.side, 'out')} ${event.method} ${event.path} (${event.bytes} bytes)`
        : `   ${event.side.padEnd(6)} ${arrow(event.side, 'in')} ${event.status ?? ''} ${event.path} (${event.bytes} bytes)`;
    default:
      return undefined;
  }
}
