// Bundles the interactive app (bin/rep-tui.tsx) into one ESM file: an unbundled Ink app takes ~1.1 s to its
// first frame here, a bundle ~0.45 s. better-sqlite3 stays external (native addon); react-devtools-core
// (an optional Ink dependency for development) is replaced by an empty module.
import {build} from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  external: ['better-sqlite3'],
  alias: {'react-devtools-core': './scripts/empty-module.mjs'},
  define: {'process.env.NODE_ENV': '"production"'},
  banner: {js: "import {createRequire as __rep_createRequire} from 'node:module'; const require = __rep_createRequire(import.meta.url);"},
  logLevel: 'warning',
};

// Split: the entry holds React, Ink and the first frame; the app, the repository and the server load as
// chunks after it is drawn.
await build({...common, entryPoints: {'rep-tui.bundle': 'bin/rep-tui.tsx'}, outdir: 'dist/bin', splitting: true, chunkNames: 'tui-chunks/[name]-[hash]'});
// The benchmark's reference: a minimal Ink app bundled the same way (scripts/bench/hello-ink.tsx).
await build({...common, entryPoints: ['scripts/bench/hello-ink.tsx'], outfile: 'dist/scripts/bench/hello-ink.bundle.js'});
