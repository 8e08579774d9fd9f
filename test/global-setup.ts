// Vitest's global setup: most suites run the built CLI (dist/cli/index.js) as a user would, so the bundle must be
// the build of this source. It is built here, once per `vitest run`, when the source (src/, scripts/build.mjs,
// package.json) or the bundle changed since the last build made here; RUNNABLE_TEST_SKIP_BUILD=1 uses dist/ as
// it is (.ci/run, which has just built and checked it).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLES = ['dist/cli/index.js', 'dist/lib/index.js', 'dist/action/index.js'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** A hash of everything the build reads and of the bundles it wrote. */
function fingerprint(): string {
  const h = crypto.createHash('sha1');
  const inputs = [...filesUnder(path.join(REPO_ROOT, 'src')).sort(), 'scripts/build.mjs', 'package.json'];
  for (const f of [...inputs, ...BUNDLES]) {
    const p = path.resolve(REPO_ROOT, f);
    h.update(f).update(fs.existsSync(p) ? fs.readFileSync(p) : 'missing');
  }
  return h.digest('hex');
}

export default function setup(): void {
  if (process.env.RUNNABLE_TEST_SKIP_BUILD === '1') return;
  const stampDir = path.join(REPO_ROOT, 'node_modules/.cache/runnable-test-build');
  const stamp = path.join(stampDir, crypto.createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 16));
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint()) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the tests run the built CLI, and \`npm run build\` failed:\n${r.stdout}${r.stderr}`);
  fs.mkdirSync(stampDir, { recursive: true });
  fs.writeFileSync(stamp, fingerprint());
}
