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
// `entries` maps output names to sources: several entries in one bundle share their chunks.
async function bundle(entries, finalDir, { shebang = false } = {}) {
  const outdir = `${finalDir}.building-${process.pid}`;
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir,
    entryNames: '[name]',
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
    banner: { js: banner },
    logLevel: 'warning',
  });
  for (const file of ['shim.py', 'notebook.py']) fs.copyFileSync(path.join('src/tasks/python', file), path.join(outdir, file));
  fs.writeFileSync(path.join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
  if (shebang) {
    // the executable only: chunks and other entries are modules, not programs
    const main = path.join(outdir, 'index.js');
    fs.writeFileSync(main, `#!/usr/bin/env node\n${fs.readFileSync(main, 'utf8')}`);
    fs.chmodSync(main, 0o755);
  }
  const old = `${finalDir}.old-${process.pid}`;
  if (fs.existsSync(finalDir)) fs.renameSync(finalDir, old);
  fs.renameSync(outdir, finalDir);
  fs.rmSync(old, { recursive: true, force: true });
}

// The CLI and the library are one bundle (dist/cli: index.js the program, lib.js the package root) so that the
// package ships their shared chunks once; dist/lib/index.js only re-exports dist/cli/lib.js, for the paths users
// and package.json already name. The action is its own bundle (it is not in the package).
await bundle({ index: 'src/cli/index.ts', lib: 'src/index.ts' }, 'dist/cli', { shebang: true });
fs.rmSync('dist/lib', { recursive: true, force: true });
fs.mkdirSync('dist/lib', { recursive: true });
fs.writeFileSync(
  'dist/lib/index.js',
  "// The package root: the library is built into dist/cli beside the CLI, sharing its chunks (scripts/build.mjs).\nexport * from '../cli/lib.js';\n",
);
fs.writeFileSync('dist/lib/package.json', '{\n  "type": "module"\n}\n');
await bundle({ index: 'src/action/index.ts' }, 'dist/action');

// Type declarations of the package root (src/index.ts), for `types` / `exports` in package.json. Written beside
// and swapped in like the bundles. Set RUNNABLE_BUILD_TYPES=0 to skip them in a quick rebuild.
if (process.env.RUNNABLE_BUILD_TYPES !== '0') {
  const { execFileSync } = await import('node:child_process');
  const outDir = `dist/types.building-${process.pid}`;
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json', '--outDir', outDir], {
    stdio: 'inherit',
  });
  const old = `dist/types.old-${process.pid}`;
  if (fs.existsSync('dist/types')) fs.renameSync('dist/types', old);
  fs.renameSync(outDir, 'dist/types');
  fs.rmSync(old, { recursive: true, force: true });
}

// JSON Schemas of the pipeline and configuration files, generated from the zod schemas (src/schemas/json-schemas.ts).
{
  const generator = 'node_modules/.cache/runnable-build/json-schemas.mjs';
  await build({
    entryPoints: ['src/schemas/json-schemas.ts'],
    outfile: generator,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const { pipelineJsonSchema, configJsonSchema } = await import(`${path.resolve(generator)}?${Date.now()}`);
  fs.mkdirSync('dist/schemas', { recursive: true });
  fs.writeFileSync('dist/schemas/pipeline.schema.json', `${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`);
  fs.writeFileSync('dist/schemas/config.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
}
