// The package as users install it: `npm pack` of this repository, installed offline into an empty project (the
// bundles carry every dependency, so nothing is fetched), its `runnable` bin run, its size kept to a few MB, no
// EBADENGINE warning on this Node, and a TypeScript project type-checked against the shipped declarations: a
// correct use passes, a wrong one fails with the error a user would see. Needs `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; types: string };
let tmp: string;
let project: string;
let installOutput: string;
let packed: { size: number; unpackedSize: number; files: { path: string }[] };

/** Total size of the files under a folder. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += fs.statSync(path.join(e.parentPath, e.name)).size;
  return total;
}

beforeAll(() => {
  for (const built of ['dist/cli/index.js', 'dist/lib/index.js', pkg.types, 'dist/schemas/pipeline.schema.json']) {
    if (!fs.existsSync(path.join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before this test.`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-package-'));
  const npmEnv = { ...process.env, npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_update_notifier: 'false' };
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp, '--ignore-scripts'], {
    cwd: REPO_ROOT,
    env: npmEnv,
    encoding: 'utf8',
  });
  packed = (JSON.parse(json) as (typeof packed & { filename: string })[])[0]!;
  const tarball = path.join(tmp, (JSON.parse(json) as { filename: string }[])[0]!.filename);
  project = path.join(tmp, 'consumer');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '-D', tarball], {
    cwd: project,
    env: npmEnv,
    encoding: 'utf8',
  });
  installOutput = `${install.stdout}${install.stderr}`;
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${installOutput}`);
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the npm package', () => {
  it('installs offline with no dependencies and no engine warning, a few MB on disk', () => {
    expect(installOutput).not.toMatch(/EBADENGINE|ERR!/);
    expect(fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([pkg.name]);
    const installed = sizeOf(path.join(project, 'node_modules'));
    // the CLI and the library share one set of chunks (dist/cli): about 5 MB, 3.5 of it the Kubernetes client
    expect(installed).toBeLessThan(7 * 1024 * 1024);
    expect(packed.size).toBeLessThan(1.5 * 1024 * 1024);
    expect(packed.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['dist/cli/index.js', 'dist/lib/index.js', pkg.types.replace(/^\.\//, ''), 'dist/schemas/config.schema.json']),
    );
    // the action runs from the repository (`uses: runnable/action@v1`), not from node_modules
    expect(packed.files.some((f) => f.path.startsWith('dist/action/'))).toBe(false);
  });

  it('puts the `runnable` bin on the path of the project', () => {
    const r = spawnSync(path.join(project, 'node_modules/.bin/runnable'), ['--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/\d+\.\d+\.\d+/);
  });

  it('type-checks a consumer project against the shipped declarations, and reports a wrong use', () => {
    const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
        },
        include: ['*.ts'],
      }),
    );
    fs.writeFileSync(
      path.join(project, 'pipeline.ts'),
      [
        `import { Pipeline, ShellTask, TypeScriptTask, type RunLog } from '${pkg.name}';`,
        `const pipeline = new Pipeline({ steps: [`,
        `  new TypeScriptTask({ name: 'count', fn: () => 3, returns: ['n'] }),`,
        `  new ShellTask({ name: 'show', command: 'echo $n' }),`,
        `] });`,
        `const result = await pipeline.execute({ parameters: { start: 1 } });`,
        `const log: RunLog | undefined = result.runLog;`,
        `export const status: string | undefined = log?.status;`,
      ].join('\n'),
    );
    const ok = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(ok.status, ok.stdout).toBe(0);

    fs.writeFileSync(
      path.join(project, 'wrong.ts'),
      `import { ShellTask } from '${pkg.name}';\nnew ShellTask({ name: 'x', comand: 'echo' });\n`,
    );
    const wrong = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(2,\d+\): error TS2\d+: .*comand/);
  });
});
