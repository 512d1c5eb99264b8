import React from 'react';
import {render, Text} from 'ink';

// The reference for the start-up benchmark: the smallest Ink app, bundled exactly like bin/rep-tui.tsx.
const app = render(<Text>hello ink</Text>);
setTimeout(() => app.unmount(), 10_000);
