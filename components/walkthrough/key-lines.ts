import type {KeyNode} from '../../src/protocol/v2/walkthrough-types.js';
import {foldHex, seg, wrapText, type Line} from './lines.js';
import type {Focus} from './transcript-lines.js';

/** Which node of the tree a frame is about (the view scrolls to it). */
const FOCUS: Readonly<Record<string, string>> = {
  'A0.4': 'channel keys', 'A0.6': 'channel keys', 'A0 answer': 'channel keys',
  'A2.4': 'session keys', 'A3.3': 'session keys',
  'A3.4': 'client_finished', 'A3 request': 'client_finished', 'A3.5': 'server_finished', 'A3 answer': 'server_finished', 'A3.6': 'server_finished',
};

/** Full hex when it fits in `width`, else folded to 16 bytes and the length. */
const hexFor = (hex: string, width: number): string => (hex.length <= width ? hex : foldHex(hex));

/**
 * The key schedule as a tree (ECDH output → HKDF-Extract with its salt → each Expand label → key, and the
 * finished MACs), one node label per line with its salt, value and use beneath. The focus starts at the
 * node the frame `frameId` is about, or at the newest tree.
 */
export function keyTreeLines(trees: readonly KeyNode[], frameId: string, width: number): {lines: Line[]; focus: Focus} {
  const lines: Line[] = [];
  let anchor = -1;
  const target = FOCUS[frameId];
  const visit = (node: KeyNode, prefix: string, last: boolean, root: boolean) => {
    if (anchor < 0 && target && node.label.startsWith(target)) anchor = lines.length;
    const branch = root ? '' : last ? '└─ ' : '├─ ';
    lines.push([seg(prefix + branch, 'muted'), seg(node.label, root ? 'accent' : undefined, root)]);
    const inner = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
    const pad = `${inner}${node.children.length > 0 ? '│  ' : '   '}`;
    const room = width - [...pad].length;
    if (node.salt) lines.push([seg(pad, 'muted'), seg(`salt ${node.salt.name} = `, 'muted'), seg(hexFor(node.salt.hex, room - 12), 'accent')]);
    if (node.covers) lines.push([seg(pad, 'muted'), seg(`over ${node.covers.name} = `, 'muted'), seg(hexFor(node.covers.hex, room - 12), 'accent')]);
    if (node.hex) lines.push([seg(pad, 'muted'), seg(hexFor(node.hex, room))]);
    if (node.use) for (const text of wrapText(node.use, room)) lines.push([seg(pad, 'muted'), seg(text, 'muted')]);
    node.children.forEach((child, i) => visit(child, inner, i === node.children.length - 1, false));
  };
  let newest = 0;
  trees.forEach((tree) => {
    newest = lines.length;
    visit(tree, '', true, true);
  });
  if (trees.length === 0) {
    lines.push([seg('No keys yet.', 'muted')]);
    for (const text of wrapText('The first derivation is A0.4: the repository derives the channel keys from ECDH and H_a0. No raw ECDH output is ever used as a key.', width)) {
      lines.push([seg(text, 'muted')]);
    }
  }
  return {lines, focus: {start: anchor >= 0 ? anchor : newest, end: lines.length - 1}};
}
