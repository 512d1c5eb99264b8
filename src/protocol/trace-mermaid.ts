import type {KeyNode, LabelledField, Walkthrough, WalkthroughFrame} from './v2/walkthrough-types.js';

/** Short form of a value for diagrams: the first 4 bytes of hex and the length, or the text. */
export function shortValue(field: LabelledField): string {
  if (field.text !== undefined) return field.text.split(' (')[0];
  if (field.hex === undefined) return '';
  return field.hex.length > 8 ? `${field.hex.slice(0, 8)}…(${field.length} B)` : field.hex;
}

/** Text made safe for a Mermaid statement (no `;`, `#`, angle brackets or line breaks). */
const safe = (text: string): string => text.replace(/[;#<>\n\r]/g, ' ').replace(/\s+/g, ' ').trim();

const short = (hex: string | undefined): string => (hex ? `${hex.slice(0, 8)}…` : '');

/** The keys a derivation or MAC step produced, from the key schedule tree of its frame (one string per line). */
function derivationNote(frame: WalkthroughFrame): string[] | undefined {
  const tree = frame.keySchedule.find((root) => (frame.id === 'A0.4' || frame.id === 'A0.6' ? root.label.startsWith('channel') : root.label.startsWith('session')));
  if (!tree) return undefined;
  const z = tree.children[0];
  const prk = z.children[0];
  if (frame.action === 'derive') {
    const keys = prk.children.map((k) => `${k.label.split(' ')[0]} ${short(k.hex)}`).join(', ');
    return [`${frame.id} ${z.label.split(' ')[0]} ${short(z.hex)} → HKDF-Extract(salt = ${prk.salt?.name} ${short(prk.salt?.hex)}) → ${prk.label.split(' ')[0]}`, `HKDF-Expand → ${keys}`];
  }
  const macs = prk.children.flatMap((k: KeyNode) => k.children);
  const mac = macs.find((m) => m.label.startsWith(frame.id === 'A3.4' ? 'client' : 'server'));
  return mac ? [`${frame.id} ${mac.label.split(' ')[0]} = HMAC(k_finished, '${mac.info}' ‖ 00 ‖ ${mac.covers?.name}) = ${short(mac.hex)}`] : undefined;
}

/**
 * A Mermaid `sequenceDiagram` of a walkthrough: participants Client and Repository, one arrow per message
 * with its main fields (decoded, shortened), and a note for each key derivation and finished MAC.
 */
export function mermaidSequence(walkthrough: Walkthrough): string {
  const lines = ['sequenceDiagram', '    participant C as Client', '    participant R as Repository'];
  lines.push(`    Note over C,R: pinned repository key, fingerprint ${short(walkthrough.repositoryFingerprint)}`);
  for (const frame of walkthrough.frames) {
    if (frame.kind === 'message' && frame.message) {
      const m = frame.message;
      const arrow = m.from === 'client' ? 'C->>R' : 'R-->>C';
      const fields = frame.fields.filter((f) => f.group === 'message').map((f) => `${f.name}=${shortValue(f)}`).join(', ');
      const head = m.direction === 'request' ? `POST ${m.path}` : `200 (${m.path})`;
      lines.push(`    ${arrow}: ${safe(`${frame.id}: ${head} (${fields})`)}`);
    } else if (frame.kind === 'step' && (frame.action === 'derive' || frame.action === 'finished' || frame.id === 'A3.5')) {
      const note = derivationNote(frame);
      if (note) lines.push(`    Note over ${frame.side === 'client' ? 'C' : 'R'}: ${note.map(safe).join('<br/>')}`);
    }
  }
  return lines.join('\n');
}
