// The recorded SIO 2024/25 reference transcript, read in place (not copied into the repository).
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';

/** ../shared/sio2425/transcript, resolved from the working directory jest runs in (the project root). */
export const TRANSCRIPT_DIR = resolve(process.cwd(), '../shared/sio2425/transcript');

/** True when the transcript is present; tests that need it are skipped otherwise. */
export const HAVE_TRANSCRIPT = existsSync(join(TRANSCRIPT_DIR, '00_static_keys.json'));

if (!HAVE_TRANSCRIPT) {
  console.warn(`SKIPPED: the sio2425 reference transcript is not at ${TRANSCRIPT_DIR}; the classic-suite fixture tests did not run.`);
}

/**
 * `describe` when the transcript is present. Otherwise one skipped test under the same name: the body is
 * not run at all (jest runs the bodies of skipped describes, and these read the fixtures at that level).
 */
export const describeWithTranscript = (name: string, body: () => void): void => {
  if (HAVE_TRANSCRIPT) describe(name, body);
  else describe.skip(name, () => it.skip(`needs the transcript at ${TRANSCRIPT_DIR}`, () => {}));
};

/** Parses one JSON file of the transcript (e.g. `02_anon_keyx_response.json`, `errors/E1_duplicate.json`). */
export function fixture<T = any>(name: string): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(join(TRANSCRIPT_DIR, name), 'utf8')) as T;
}

/** The client key log: one JSON object per command run. */
export function keylog(): Array<{argv: string[]; events: Array<Record<string, any>>}> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return readFileSync(join(TRANSCRIPT_DIR, 'client_keylog.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}
