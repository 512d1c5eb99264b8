import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {shebangNodeFlags} from '../../scripts/node-flags.js';

describe('shebangNodeFlags (start a bin with `node <script>` as its shebang would)', () => {
  it("reads rep-server's own flags: a small young generation (flood memory, README Robustness)", () => {
    expect(shebangNodeFlags(fileURLToPath(new URL('../../bin/rep-server.ts', import.meta.url)))).toEqual(['--max-semi-space-size=4']);
  });

  it('is empty for a plain `#!/usr/bin/env node` or no shebang, and splits several flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rep-shebang-'));
    try {
      const script = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      expect(shebangNodeFlags(script('plain.js', '#!/usr/bin/env node\nconsole.log(1);\n'))).toEqual([]);
      expect(shebangNodeFlags(script('none.js', 'console.log(1);\n'))).toEqual([]);
      expect(shebangNodeFlags(script('two.js', '#!/usr/bin/env -S node --a=1  --b\n'))).toEqual(['--a=1', '--b']);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
