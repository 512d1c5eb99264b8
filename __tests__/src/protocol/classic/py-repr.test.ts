// Python's repr as the classic suite signs it (sio2425 README §3). Every expected value below was produced
// by CPython 3.11.7 (unicodedata 14.0.0): `repr(s)`, `str(d)`, `json.dumps(...)`. The inputs are JSON text
// so that control characters and surrogates are written exactly.
import {readFileSync} from 'node:fs';
import {pyJsonDumps, pyJsonString} from '../../../../src/protocol/classic/py-json.js';
import {isPyPrintable, pyRepr, pyStrRepr, signedBytes, type PyValue} from '../../../../src/protocol/classic/py-repr.js';
import {signData, verifyData} from '../../../../src/protocol/classic/signatures.js';
import {nodeDerSigner} from '../../../../src/crypto/ecdsa-der.js';
import {generateP521KeyPair} from '../../../../src/crypto/p521.js';

/** Every code point CPython 3.11.7 calls non-printable, as inclusive ranges (`not chr(c).isprintable()`). */
const CPYTHON_NON_PRINTABLE: Array<[number, number]> = JSON.parse(readFileSync(new URL('../../../fixtures/cpython311-nonprintable.json', import.meta.url), 'utf8'));

const STRINGS: Array<[string, string]> = [
  ['"org1"', "'org1'"],
  ['"o\'brien"', '"o\'brien"'],
  ['"say \\"hi\\""', '\'say "hi"\''],
  ['"both \' and \\""', '\'both \\\' and "\''],
  ['"a\\\\b"', "'a\\\\b'"],
  ['"it\'s a \\\\ path"', '"it\'s a \\\\ path"'],
  ['""', "''"],
  ['" "', "' '"],
  ['"tab\\there"', "'tab\\there'"],
  ['"line\\nbreak"', "'line\\nbreak'"],
  ['"cr\\rlf"', "'cr\\rlf'"],
  ['"\\u0000\\u0001\\u001b\\u001f"', "'\\x00\\x01\\x1b\\x1f'"],
  ['"del\\u007f"', "'del\\x7f'"],
  ['"caf\\u00e9"', "'café'"],
  ['"zo\\u00eb"', "'zoë'"],
  ['"\\u00c5ngstr\\u00f6m"', "'Ångström'"],
  ['"\\u0395\\u03bb\\u03bb\\u03b7\\u03bd\\u03b9\\u03ba\\u03ac"', "'Ελληνικά'"],
  ['"\\u65e5\\u672c\\u8a9e"', "'日本語'"],
  ['"emoji\\ud83d\\ude00"', "'emoji😀'"],
  ['"\\ud83d\\udc69\\u200d\\ud83d\\udcbb"', "'👩\\u200d💻'"],
  ['"\\u00a0nbsp"', "'\\xa0nbsp'"],
  ['"soft\\u00adhyphen"', "'soft\\xadhyphen'"],
  ['"nel\\u0085"', "'nel\\x85'"],
  ['"\\u0080\\u009f"', "'\\x80\\x9f'"],
  ['"\\u00ff"', "'ÿ'"],
  ['"ls\\u2028ps\\u2029"', "'ls\\u2028ps\\u2029'"],
  ['"zw\\u200bsp"', "'zw\\u200bsp'"],
  ['"bom\\ufeff"', "'bom\\ufeff'"],
  ['"pua\\ue000"', "'pua\\ue000'"],
  ['"unassigned\\u0378"', "'unassigned\\u0378'"],
  ['"ideo\\u3000space"', "'ideo\\u3000space'"],
  ['"tag\\udb40\\udc01"', "'tag\\U000e0001'"],
  ['"spua\\udb80\\udc00"', "'spua\\U000f0000'"],
  ['"max\\udbff\\udfff"', "'max\\U0010ffff'"],
  ['"lone\\ud800"', "'lone\\ud800'"],
  ['"e\\u0301"', "'e\u0301'"],
  ['"\\"\'"', "'\"\\''"],
  ['"\'"', '"\'"'],
  ['"\\""', "'\"'"],
  ['"\\\\"', "'\\\\'"],
  ['"\\\\\'"', '"\\\\\'"'],
  ['"o\'brien lab"', '"o\'brien lab"'],
];

describe('pyStrRepr (Python repr of str)', () => {
  it.each(STRINGS)('%s → %s', (input, expected) => {
    expect(pyStrRepr(JSON.parse(input))).toBe(expected);
  });
});

describe('printability over the whole code space', () => {
  it('isPyPrintable agrees with CPython 3.11 for all 1 114 112 code points', () => {
    const python = new Uint8Array(0x110000);
    for (const [first, last] of CPYTHON_NON_PRINTABLE) python.fill(1, first, last + 1);
    const differing: number[] = [];
    for (let code = 0; code < 0x110000; code++) if (isPyPrintable(code) === (python[code] === 1)) differing.push(code);
    expect(differing).toEqual([]);
  });

  it('a code point newer than Unicode 14 is escaped as CPython 3.11 does, or kept with {unicode: "current"}', () => {
    expect(pyStrRepr('\u{1FAE8}')).toBe("'\\U0001fae8'");
    expect(pyStrRepr('\u0cf3')).toBe("'\\u0cf3'");
    expect(pyStrRepr('\u{1FAE8}', {unicode: 'current'})).toBe("'\u{1FAE8}'");
  });
});

describe('pyRepr (Python str of the signed dictionaries)', () => {
  const dict = JSON.parse('{"public_key": "LS0t", "organization": "o\'brien", "username": "zoë", "n": 1, "neg": -5, "roles": [], "list": ["a", "b\'"], "t": true, "f": false, "none": null, "nested": {"k\\"": "v\\t"}}');

  it('a dict of every value kind, in insertion order', () => {
    expect(pyRepr(dict)).toBe("{'public_key': 'LS0t', 'organization': \"o'brien\", 'username': 'zoë', 'n': 1, 'neg': -5, 'roles': [], 'list': ['a', \"b'\"], 't': True, 'f': False, 'none': None, 'nested': {'k\"': 'v\\t'}}");
  });

  it('the signed bytes are the UTF-8 of the text (raw non-ASCII, not escaped)', () => {
    expect(signedBytes({username: 'zoë'}).toString('hex')).toBe(Buffer.from("{'username': 'zoë'}", 'utf8').toString('hex'));
  });

  it.each<[string, PyValue]>([
    ['a float', 1.5],
    ['an unsafe integer', 2 ** 60],
    ['a dict with an array-index key (JavaScript would reorder it)', {b: 1, 2: 'x'}],
  ])('refuses %s', (_name, value) => {
    expect(() => pyRepr(value)).toThrow(RangeError);
  });
});

describe('pyJsonDumps (Python json.dumps defaults and Flask jsonify)', () => {
  it('the default separators and ensure_ascii', () => {
    expect(pyJsonDumps(JSON.parse('{"public_key": "LS0t", "organization": "o\'brien", "username": "zoë", "n": 1, "neg": -5, "roles": [], "list": ["a", "b\'"], "t": true, "f": false, "none": null, "nested": {"k\\"": "v\\t"}}')))
      .toBe('{"public_key": "LS0t", "organization": "o\'brien", "username": "zo\\u00eb", "n": 1, "neg": -5, "roles": [], "list": ["a", "b\'"], "t": true, "f": false, "none": null, "nested": {"k\\"": "v\\t"}}');
  });

  it('astral characters as surrogate pairs, lone surrogates, DEL and U+2028 escaped; "/" kept', () => {
    expect(pyJsonDumps(JSON.parse('["\\ud83d\\ude00", "\\ud800", "\\u00e9\\u2028", "/<>&"]'))).toBe('["\\ud83d\\ude00", "\\ud800", "\\u00e9\\u2028", "/<>&"]');
    expect(pyJsonString('\b\f\u007f')).toBe('"\\b\\f\\u007f"');
  });

  it('indent=2, sort_keys=True, separators (",", ": ") as Flask pretty jsonify writes it', () => {
    const value = JSON.parse('{"z": 1, "a": {"é": [], "b": [1, "x\\u007f"]}, "m": {}}');
    expect(pyJsonDumps(value, {indent: 2, sortKeys: true})).toBe('{\n  "a": {\n    "b": [\n      1,\n      "x\\u007f"\n    ],\n    "\\u00e9": []\n  },\n  "m": {},\n  "z": 1\n}');
  });
});

describe('verifyData and the Unicode version of the signer', () => {
  it('accepts a signature made by a Python with newer Unicode data (the name kept raw), not one over other text', () => {
    const {privateKey, publicKey} = generateP521KeyPair();
    const data = {organization: 'shaking \u{1FAE8} lab', username: 'zoë'};
    const newer = nodeDerSigner(privateKey).sign(signedBytes(data, {unicode: 'current'})).toString('base64');
    expect(verifyData(publicKey, data, signData(nodeDerSigner(privateKey), data))).toBe(true);
    expect(verifyData(publicKey, data, newer)).toBe(true);
    expect(verifyData(publicKey, {...data, username: 'zoe'}, newer)).toBe(false);
  });
});
