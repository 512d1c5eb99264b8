/**
 * The shapes of the fuzzer's cases: one bad HTTP request, raw bytes on a socket, or a deep scenario (valid
 * requests that reach a deep state, then one bad request), with the mutations, encodings and bodies they are
 * made of. Plain data, so a failing case prints exactly what was sent; the generators build them and the
 * runner performs them.
 */

/** One change to a JSON object: drop a key, set a key to a (bad) value, add an unknown key, or rename a key. */
export type Mutation =
  | {readonly op: 'drop'; readonly key: string}
  | {readonly op: 'set'; readonly key: string; readonly value: unknown}
  | {readonly op: 'add'; readonly key: string; readonly value: unknown}
  | {readonly op: 'rename'; readonly key: string; readonly to: string};

/** How a JSON body goes on the wire. */
export type Encoding =
  | {readonly kind: 'json'}
  | {readonly kind: 'truncated'; readonly keep: number}
  | {readonly kind: 'trailing'; readonly garbage: string}
  | {readonly kind: 'bom'}
  | {readonly kind: 'bad-utf8'; readonly at: number}
  | {readonly kind: 'duplicate-key'};

/** A body: a value encoded somehow, or bytes that are no JSON at all. */
export type Body =
  | {readonly kind: 'value'; readonly value: unknown; readonly encoding: Encoding}
  | {readonly kind: 'bytes'; readonly bytes: Uint8Array}
  | {readonly kind: 'text'; readonly text: string}
  | {readonly kind: 'none'};

/** A plain HTTP request to one route. */
export interface HttpCase {
  readonly kind: 'http';
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** Undefined: no content-type header. */
  readonly contentType: string | undefined;
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly body: Body;
}

/** Raw bytes on a TCP connection: broken HTTP. */
export interface SocketCase {
  readonly kind: 'socket';
  readonly route: 'raw-socket';
  readonly bytes: Uint8Array;
  readonly close: 'end' | 'abort';
}

/** What is done to the last request of a scenario that starts with real, valid requests. */
export type DeepMode =
  | {readonly mode: 'mutate'; readonly mutations: readonly Mutation[]}
  | {readonly mode: 'flip'; readonly field: string; readonly bit: number}
  | {readonly mode: 'truncate'; readonly field: string; readonly keep: number}
  | {readonly mode: 'replay'}
  | {readonly mode: 'plaintext'; readonly plaintext: Body}
  | {readonly mode: 'body'; readonly body: Body; readonly contentType: string | undefined};

/**
 * A scenario: valid requests that reach a deep state, then one bad request.
 * - `v2-a1`: a real A0, then a bad A1 on that channel (`plaintext`: a chosen plaintext sealed correctly).
 * - `v2-a3`: a real A0 and A1 (the A2 answer verified), then a bad A3.
 * - `v2-whoami`: a bad request over a real session (`sequence`, `wrong-key`, `wrong-path` extras below).
 * - `classic-phase2`: a real phase 1 of `/sessions`, `POST /organizations` or `GET /organizations`, then a
 *   bad phase 2 (`plaintext`: chosen plaintext encrypted under K_anon; `signed`: a subject-signed session
 *   request whose `public_key` is bad).
 * - `classic-roles`: a bad authenticated request over a real classic session.
 */
export type DeepCase =
  | {readonly kind: 'v2-a1'; readonly route: 'v2 A1 (after a real A0)'; readonly how: DeepMode}
  | {readonly kind: 'v2-a3'; readonly route: 'v2 A3 (after real A0, A1)'; readonly how: DeepMode}
  | {readonly kind: 'v2-whoami'; readonly route: 'v2 whoami (real session)'; readonly how: DeepMode | {readonly mode: 'sequence'; readonly sequence: unknown} | {readonly mode: 'wrong-key'} | {readonly mode: 'wrong-path'}}
  | {
      readonly kind: 'classic-phase2'; readonly route: string; readonly exchange: 'sessions' | 'org-create' | 'org-list';
      readonly how: ClassicPhase2Mode;
    }
  | {
      readonly kind: 'classic-roles'; readonly route: 'classic roles (real session)';
      readonly how: DeepMode | {readonly mode: 'fields'; readonly counter: unknown; readonly nonce: unknown; readonly sessionId: unknown; readonly organization: string};
    };

/** The last request of a classic phase 2 scenario. */
export type ClassicPhase2Mode = DeepMode | {readonly mode: 'signed'; readonly publicKey: string};

export type FuzzCase = HttpCase | SocketCase | DeepCase;
