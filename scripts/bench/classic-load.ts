import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import type {ClassicInitiatorConfig} from '../../src/protocol/classic/initiator.js';
import {createClassicSubject, type Target} from '../stress/clients.js';
import {measureLoad, type LoadResult} from './load.js';

type ClassicSubject = Omit<ClassicInitiatorConfig, 'record'>;

/**
 * Classic subjects registered ahead of a measured level. The classic suite allows one live session per
 * subject (the reference's rule; a session lives 600 s), so every classic handshake needs a subject of its
 * own; registering them beforehand keeps organization creation out of the level's server CPU and latency.
 */
export interface ClassicSubjectPool {
  /** Registers new subjects (each a classic organization with a new P-521 key) until the pool holds `count`. */
  fill(count: number): Promise<void>;
  take(): ClassicSubject | undefined;
}

/** An empty pool registering its subjects through `target`'s classic transport, `parallel` at a time. */
export function classicSubjectPool(target: Target, parallel = 16): ClassicSubjectPool {
  const subjects: ClassicSubject[] = [];
  return {
    async fill(count) {
      let pending = 0; // registrations in flight, so the workers never overshoot `count`
      const worker = async () => {
        while (subjects.length + pending < count) {
          pending++;
          try {
            subjects.push(await createClassicSubject(target));
          } finally {
            pending--;
          }
        }
      };
      await Promise.all(Array.from({length: parallel}, worker));
    },
    take: () => subjects.pop(),
  };
}

/** A classic level's figures, with how many subjects had to be registered inside it (the pool ran dry: ideally 0). */
export interface ClassicLoadResult extends LoadResult {
  readonly subjectsCreatedInLevel: number;
}

/**
 * Runs `concurrency` classic clients doing back-to-back full session creations (POST /sessions, both phases,
 * A0–A3) for `durationMs`, each with a subject from `pool` (no session store: server cost only). Should the
 * pool run dry, the client registers its subject itself and the level counts it.
 */
export async function runClassicLoad(target: Target, pool: ClassicSubjectPool, concurrency: number, durationMs: number): Promise<ClassicLoadResult> {
  let subjectsCreatedInLevel = 0;
  const handshake = async () => {
    let subject = pool.take();
    if (!subject) {
      subjectsCreatedInLevel++;
      subject = await createClassicSubject(target);
    }
    return runClassicHandshake({transport: target.classicTransport}, subject);
  };
  const result = await measureLoad(handshake, concurrency, durationMs);
  return {...result, subjectsCreatedInLevel};
}
