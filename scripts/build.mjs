// Bundles the CLI (and later the action) with esbuild: ESM (the @actions/* packages are ESM-only), a
// createRequire shim for the CommonJS dependencies, code splitting so that Docker and Kubernetes clients load
// only when used, and the python shim (with notebook.py) copied beside the bundle. Output is deterministic: CI rebuilds and diffs it.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const banner = [
  "import { createRequire as __runnableCreateRequire } from 'node:module';",
  "import { fileURLToPath as __runnableFileURLToPath } from 'node:url';",
  "import { dirname as __runnableDirname } from 'node:path';",
  'const require = __runnableCreateRequire(import.meta.url);',
  'const __filename = __runnableFileURLToPath(import.meta.url);',
  'const __dirname = __runnableDirname(__filename);',
].join('\n');

// Each bundle is built beside its folder and swapped in at the end, so a CLI started during a build (tests, the
// emulator) finds either the old bundle or the new one, never none.
async function bundle(entry, finalDir, { shebang = false } = {}) {
  const outdir = `${finalDir}.building-${process.pid}`;
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [entry],
    outdir,
    entryNames: 'index',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    external: ['*.node', 'cpu-features'],
    banner: { js: `${shebang ? '#!/usr/bin/env node\n' : ''}${banner}` },
    logLevel: 'warning',
  });
  for (const file of ['shim.py', 'notebook.py']) fs.copyFileSync(path.join('src/tasks/python', file), path.join(outdir, file));
  fs.writeFileSync(path.join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
  if (shebang) fs.chmodSync(path.join(outdir, 'index.js'), 0o755);
  const old = `${finalDir}.old-${process.pid}`;
  if (fs.existsSync(finalDir)) fs.renameSync(finalDir, old);
  fs.renameSync(outdir, finalDir);
  fs.rmSync(old, { recursive: true, force: true });
}

await bundle('src/cli/index.ts', 'dist/cli', { shebang: true });
if (fs.existsSync('src/index.ts')) await bundle('src/index.ts', 'dist/lib');
if (fs.existsSync('src/action/index.ts')) await bundle('src/action/index.ts', 'dist/action');
