// How to start our own CLI again (for the emulator) or where its bundle is (to mount into containers).
import { bundleDir } from '../util/bundle-dir.js';
import fs from 'node:fs';
import path from 'node:path';

/** [node executable, ...arguments before the command]: RUNNABLE_CLI_ENTRY, else the running script. */
export function cliEntry(): [string, string[]] {
  return [process.execPath, [cliScript()]];
}

export function cliScript(): string {
  if (process.env.RUNNABLE_CLI_ENTRY) return path.resolve(process.env.RUNNABLE_CLI_ENTRY);
  const script = process.argv[1] ? path.resolve(process.argv[1]) : '';
  if (script && /dist[\\/]cli[\\/]index\.js$/.test(script)) return script;
  // in tests, as a library or in the action: the bundle this package ships
  const here = bundleDir(import.meta.url);
  // (the library is dist/cli/lib.js, its chunks in dist/cli/chunks, beside the CLI the SDK's executors start)
  const candidates = ['index.js', '../index.js', '../../dist/cli/index.js', '../cli/index.js', '../../cli/index.js'];
  for (const candidate of candidates.map((c) => path.resolve(here, c))) {
    if (fs.existsSync(candidate) && /dist[\\/]cli[\\/]index\.js$/.test(candidate)) return candidate;
  }
  return script;
}
