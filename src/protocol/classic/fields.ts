import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';
import type {PyValue} from './py-repr.js';

type Stage = StageId | 'session';

/** A JSON object as received (key order kept as parsed). */
export type JsonObject = {readonly [key: string]: PyValue};

function malformed(stage: Stage, what: string, status: number): HandshakeError {
  return new HandshakeError(stage, HandshakeErrorCode.MalformedMessage, `${what} does not have the classic suite's shape`, status);
}

/** `value` as a JSON object, or a `malformed_message` HandshakeError naming `what` (status for the server). */
export function objectField(value: unknown, stage: Stage, what: string, status = 400): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(stage, what, status);
  return value as JsonObject;
}

/** `object[key]` as a string, or `malformed_message`. */
export function stringField(object: JsonObject, key: string, stage: Stage, what: string, status = 400): string {
  const value = object[key];
  if (typeof value !== 'string') throw malformed(stage, `${what} (field "${key}")`, status);
  return value;
}

/** `object[key]` as a non-negative safe integer, or `malformed_message`. */
export function integerField(object: JsonObject, key: string, stage: Stage, what: string, status = 400): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw malformed(stage, `${what} (field "${key}")`, status);
  return value;
}

/** `object[key]` as an array of strings, or `malformed_message`. */
export function stringListField(object: JsonObject, key: string, stage: Stage, what: string, status = 400): string[] {
  const value = object[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw malformed(stage, `${what} (field "${key}")`, status);
  return [...value] as string[];
}
