import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** The terminal's size, updated on resize (80×24 when the output is not a terminal). */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

const sizeOf = (stdout: NodeJS.WriteStream): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

/** Re-renders the caller when the terminal is resized, so it can lay itself out again. */
export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const update = () => setSize(sizeOf(stdout));
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return size;
}
