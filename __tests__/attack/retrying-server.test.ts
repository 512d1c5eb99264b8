// The classic `--retrying` variant (the padding oracle's precondition) is off by default and opt-in only.
import {parseServerArgs, UsageError} from '../../server/cli-args.js';
import {createClassicResponderState} from '../../src/protocol/classic/responder.js';

describe('rep-server --retrying', () => {
  it('is absent by default and present only when given', () => {
    expect(parseServerArgs([], {})).not.toHaveProperty('classicRetrying');
    expect(parseServerArgs(['--retrying'], {})).toMatchObject({kind: 'serve', classicRetrying: true});
    expect(parseServerArgs(['--suite', 'classic', '--retrying'], {})).toMatchObject({suites: ['classic'], classicRetrying: true});
  });

  it.each([[['--suite', 'v2', '--retrying']], [['subject', 'suspend', 'a', 'b', '--retrying']]])('refuses %j', (args) => {
    expect(() => parseServerArgs(args, {})).toThrow(UsageError);
  });

  it('the classic channel store burns channels unless asked to retry', () => {
    expect(createClassicResponderState(Date.now).retrying).toBeUndefined();
    expect(createClassicResponderState(Date.now, {retrying: true}).retrying).toBe(true);
  });
});
