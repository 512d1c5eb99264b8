/** Validation of what the wizard asks, with the reason in words (the repository's own limits). */

/** The repository's limit for organization names and usernames. */
export const MAX_NAME_LENGTH = 64;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Why `value` is not a valid name (username, organization): empty, longer than 64, or a control character. */
export function nameProblem(value: string, what: string): string | undefined {
  if (value.trim() === '') return `the ${what} must not be empty`;
  if ([...value].length > MAX_NAME_LENGTH) return `the ${what} is ${[...value].length} characters long: at most ${MAX_NAME_LENGTH}`;
  const control = CONTROL.exec(value);
  if (control) return `the ${what} contains a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  if (value !== value.trim()) return `the ${what} must not start or end with spaces`;
  return undefined;
}

/** Why `value` is not a usable credentials file name (it becomes `<name>.pem` in REP_HOME/credentials). */
export function fileNameProblem(value: string): string | undefined {
  if (value === '') return 'the name must not be empty';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value)) return 'use letters, digits, dot, dash or underscore (at most 64), no folders';
  return undefined;
}

/** Why `value` is not an email address the repository accepts. */
export function emailProblem(value: string): string | undefined {
  return /^[^\s@\u0000-\u001F\u007F-\u009F]+@[^\s@\u0000-\u001F\u007F-\u009F]+\.[^\s@\u0000-\u001F\u007F-\u009F]+$/.test(value) && value.length <= 254
    ? undefined : 'enter an address like name@example.org';
}

/** Why `value` is not a person's name the repository accepts (non-empty, at most 128, no control characters). */
export function fullNameProblem(value: string): string | undefined {
  if (value.trim() === '') return 'the name must not be empty';
  if ([...value].length > 128) return 'the name is too long: at most 128 characters';
  return CONTROL.test(value) ? 'the name contains a control character' : undefined;
}

/** The default name of new credentials: the username (letters, digits, `._-`), with `-classic` for the classic suite's P-521 key. */
export function defaultCredentialsName(values: {readonly username: string; readonly suite: string}): string {
  const base = values.username.replace(/[^A-Za-z0-9._-]/g, '').replace(/^[._-]+/, '') || 'subject';
  return values.suite === 'classic' ? `${base}-classic` : base;
}
