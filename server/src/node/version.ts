// The package version (`kexec-layout --version`, SARIF's tool version), read from the
// package.json above this script: dist/server → ../.., out/server/src/node → further up.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function version(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kexec-layout' && pkg.version) return pkg.version;
    } catch { /* not here: look one folder up */ }
    dir = path.dirname(dir);
  }
  return 'unknown';
}
