import type {StageId} from '../errors.js';
import type {Side} from '../events.js';

/** Who acts in a walkthrough frame: one party, or both (the set-up before any message). */
export type WalkthroughActor = Side | 'both';

/** The six messages of a v2 handshake on the wire, in order (docs/PROTOCOL.md §4). */
export type WalkthroughMessageId = 'A0 request' | 'A0 answer' | 'A1 request' | 'A2 answer' | 'A3 request' | 'A3 answer';

/**
 * One labelled value of a frame: a JSON field of a message (with its decoded bytes), or an input or output
 * of a sub-step. Bytes come as hex with their length; text and numbers as `text`.
 */
export interface LabelledField {
  /** JSON key or trace name, e.g. `client_ephemeral`, `P1.signature`, `signed_bytes`. */
  readonly name: string;
  /** What the value is and what it is for. */
  readonly meaning: string;
  /** `message` (on the wire), `sealed` (inside a ciphertext), `input`, `output` or `derived` (computed here for teaching). */
  readonly group: 'message' | 'sealed' | 'input' | 'output' | 'derived';
  /** The raw bytes in lowercase hex (decoded from base64url for message fields). */
  readonly hex?: string;
  /** Length of the bytes. */
  readonly length?: number;
  /** Text value (names, labels, JSON plaintext, numbers, times). */
  readonly text?: string;
  /** The value exactly as it appears in the JSON body (base64url text), for message fields. */
  readonly wire?: string;
}

/** A node of the key schedule tree (ECDH output → HKDF-Extract with its salt → each Expand label → key). */
export interface KeyNode {
  /** E.g. `Z_ch = ECDH(e_c, E_s) = ECDH(e_s, E_c)`, `PRK_ch = HKDF-Extract(salt = H_a0, IKM = Z_ch)`. */
  readonly label: string;
  readonly hex?: string;
  /** The HKDF salt of an Extract node: the transcript hash it is named after and its value. */
  readonly salt?: {readonly name: string; readonly hex: string};
  /** The transcript hash a finished MAC covers (`label ‖ 00 ‖ hash`). */
  readonly covers?: {readonly name: string; readonly hex: string};
  /** The HKDF-Expand info (label) or MAC label. */
  readonly info?: string;
  /** What the key is used for. */
  readonly use?: string;
  readonly children: readonly KeyNode[];
}

/** One absorbed transcript field (docs/PROTOCOL.md §3) with the running hash after it. */
export interface TranscriptRow {
  /** 1-based row number of §3's table. */
  readonly row: number;
  readonly name: string;
  readonly hex: string;
  readonly length: number;
  readonly hash: string;
  /** The hash's name when this row closes a named group (`H_a0s`, `H_a0`, … `H_a3`). */
  readonly named?: string;
}

/** The transcript as it stands at a frame. */
export interface TranscriptView {
  /** `h0 = SHA-256("rep-v2/1")`. */
  readonly h0: string;
  /** Every field absorbed so far in the run, in order. */
  readonly rows: readonly TranscriptRow[];
  /** Rows this frame computes, checks or carries. */
  readonly touched: readonly number[];
  /** The named hash this frame signs, verifies, uses as salt or associated data, if any. */
  readonly uses?: {readonly name: string; readonly hex: string};
  /** The running hash after the last absorbed row (h0 before any). */
  readonly current: string;
}

/** A message as sent: who to whom, the HTTP request line and the exact compact JSON body. */
export interface WireMessage {
  readonly id: WalkthroughMessageId;
  readonly from: Side;
  readonly to: Side;
  readonly method: 'POST';
  readonly path: string;
  readonly direction: 'request' | 'response';
  readonly status?: number;
  /** The body as the code's encoder emits it (compact JSON, keys in the documented order). */
  readonly json: string;
  /** UTF-8 length of `json`. */
  readonly bytes: number;
}

/** One paused position of the walkthrough: the set-up, a sub-step (A0.1 … A3.7) or a message on the wire. */
export interface WalkthroughFrame {
  readonly index: number;
  readonly kind: 'setup' | 'step' | 'message';
  readonly stage: StageId;
  /** `setup`, a sub-step id of docs/PROTOCOL.md §13, or a {@link WalkthroughMessageId}. */
  readonly id: string;
  readonly side: WalkthroughActor;
  /** Short verb: `keygen`, `check`, `sign`, … or `send` for messages. */
  readonly action: string;
  readonly title: string;
  /** What the frame does and why (which attack it prevents). */
  readonly explanation: string;
  /** Attack ids (T1–T14), weaknesses (W1–W7) and properties (`property 1` …) of hardened-suite.md. */
  readonly prevents: readonly string[];
  readonly message?: WireMessage;
  readonly fields: readonly LabelledField[];
  /** The key schedule so far: one tree per derivation (channel, session). */
  readonly keySchedule: readonly KeyNode[];
  readonly transcript: TranscriptView;
}

/** A whole walkthrough: the run's parameters and its frames. */
export interface Walkthrough {
  readonly protocol: string;
  /** The seed (deterministic run), or undefined for a random run. */
  readonly seed?: string;
  /** The clock of the run, ms since the epoch. */
  readonly now: number;
  readonly organization: string;
  readonly username: string;
  /** SHA-256 of the repository SPKI (hex): the pinned fingerprint and the transcript audience. */
  readonly repositoryFingerprint: string;
  /** H_a3, hex: the final transcript hash both sides hold. */
  readonly transcriptHash: string;
  readonly frames: readonly WalkthroughFrame[];
}
