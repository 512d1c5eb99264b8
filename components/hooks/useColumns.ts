import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** The terminal's width, updated when it is resized (80 when unknown). */
export function useColumns(): number {
  const {stdout} = useStdout();
  const [columns, setColumns] = useState(stdout.columns || 80);
  useEffect(() => {
    const update = () => setColumns(stdout.columns || 80);
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return columns;
}
