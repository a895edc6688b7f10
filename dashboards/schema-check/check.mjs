// Writes each dashboard of the given folders as a TypeScript object literal typed with Board
// (board.ts), so that tsc reports misspelled keys (excess properties) and wrong value types.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

rmSync('build', { recursive: true, force: true });
mkdirSync('build');
for (const dir of process.argv.slice(2)) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const json = readFileSync(join(dir, name), 'utf8');
    const out = join('build', `${basename(dir)}-${name.replace(/\.json$/, '.ts')}`);
    writeFileSync(out, `import type { Board } from '../board';\n\nexport const dashboard: Board = ${json};\n`);
    console.log(`checking ${join(dir, name)}`);
  }
}
