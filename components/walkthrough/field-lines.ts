import type {LabelledField} from '../../src/protocol/v2/walkthrough-types.js';
import {dumpBytesPerLine, fit, foldHex, hexDump, seg, wrapText, type Line} from './lines.js';

const GROUP_TITLES: Readonly<Record<LabelledField['group'], string>> = {
  message: 'on the wire (JSON; base64url decoded to bytes)',
  sealed: 'sealed inside the ciphertext (not visible on the wire)',
  input: 'inputs',
  output: 'outputs',
  derived: 'computed for this view',
};

const NAME_WIDTH = 24;
const LENGTH_WIDTH = 7;

/** A field's value on one line: folded hex, or text cut to the width. */
function shortValue(field: LabelledField, width: number): string {
  if (field.text !== undefined) return fit(field.text, width).trimEnd();
  return field.hex === undefined ? '' : fit(foldHex(field.hex, field.length), width).trimEnd();
}

/** The field list: one line per field (grouped), the selected field's meaning under it. */
export function fieldListLines(fields: readonly LabelledField[], selected: number, width: number): {lines: Line[]; start: number; end: number} {
  const lines: Line[] = [];
  let start = 0;
  let end = 0;
  fields.forEach((field, i) => {
    if (i === 0 || fields[i - 1].group !== field.group) lines.push([seg(GROUP_TITLES[field.group], 'muted')]);
    const chosen = i === selected;
    if (chosen) start = lines.length;
    const size = field.length === undefined ? '' : `${field.length} B`;
    lines.push([
      seg(chosen ? '❯ ' : '  ', 'selected'),
      seg(fit(field.name, NAME_WIDTH), chosen ? 'selected' : field.group === 'sealed' ? 'warning' : undefined, chosen),
      seg(` ${size.padStart(LENGTH_WIDTH - 2)}  `, 'muted'),
      seg(shortValue(field, width - NAME_WIDTH - LENGTH_WIDTH - 3)),
    ]);
    if (chosen) {
      for (const text of wrapText(field.meaning, width - 4)) lines.push([seg(`    ${text}`, 'muted')]);
      end = lines.length - 1;
    }
  });
  if (fields.length === 0) lines.push([seg('nothing to show for this frame', 'muted')]);
  return {lines, start, end};
}

/** One field opened in full: name, length, meaning, its JSON text, and every byte as a hex dump. */
export function fieldDetailLines(field: LabelledField, width: number): Line[] {
  const size = field.length === undefined ? '' : ` · ${field.length} bytes`;
  const about = fit(`${size} · ${GROUP_TITLES[field.group]}`, Math.max(0, width - [...field.name].length)).trimEnd();
  const lines: Line[] = [[seg(field.name, 'selected', true), seg(about, 'muted')]];
  for (const text of wrapText(field.meaning, width)) lines.push([seg(text, 'muted')]);
  if (field.text !== undefined) {
    lines.push([seg('value', 'accent')]);
    for (const text of wrapText(field.text, width - 2)) lines.push([seg(`  ${text}`)]);
  }
  if (field.wire !== undefined) {
    lines.push([seg('as sent (base64url)', 'accent')]);
    for (const text of wrapText(field.wire, width - 2)) lines.push([seg(`  ${text}`)]);
  }
  if (field.hex !== undefined) {
    lines.push([seg('bytes (hex)', 'accent')]);
    for (const text of hexDump(field.hex, dumpBytesPerLine(width - 2))) lines.push([seg(`  ${text}`)]);
  }
  return lines;
}
