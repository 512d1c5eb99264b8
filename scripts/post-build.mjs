// After tsc: make the bin entry points executable so `npx <command>` works in the checkout.
import {chmodSync, existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

const dir = 'dist/bin';
if (existsSync(dir)) {
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.js')) chmodSync(join(dir, name), 0o755);
  }
}
