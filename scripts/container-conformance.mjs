#!/usr/bin/env node
// The conformance suite under the local-container executor: every case that does not bring its own
// configuration (no config.yaml) runs with RUNNABLE_CONFIGURATION_FILE pointing at a container config, so each
// of its tasks and stubs runs in a Docker container. Exits non-zero unless every case passes.
//
//   node scripts/container-conformance.mjs [--cli-entry dist/cli/index.js] [--jobs N] [--image IMAGE]
//                                          [--conformance DIR] [--case NAME]...
//
// --jobs N runs the cases in N concurrent shards (default 2): each step pays a container start, and the
// engine starts containers side by side. Needs a Docker engine and the image (default runnable-test/node-python:1,
// built by scripts/ci/build-test-images.sh), and a built CLI (`npm run build`).
/* global process, console */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const a = {
    cliEntry: path.join(root, 'dist/cli/index.js'),
    jobs: 2,
    image: process.env.RUNNABLE_CONFORMANCE_IMAGE || 'runnable-test/node-python:1',
    conformance: path.resolve(root, '../shared/conformance'),
    cases: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--cli-entry') a.cliEntry = path.resolve(value());
    else if (k === '--jobs') a.jobs = Math.max(1, Number(value()) || 1);
    else if (k === '--image') a.image = value();
    else if (k === '--conformance') a.conformance = path.resolve(value());
    else if (k === '--case') a.cases.push(...value().split(','));
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function runShard(runner, cli, cases) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, '--cli', cli, '--case', cases.join(',')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (out += c));
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, out }));
  });
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`container-conformance: ${e.message}`);
    process.exit(2);
  }
  const runner = path.join(opts.conformance, 'run.mjs');
  const casesDir = path.join(opts.conformance, 'cases');
  if (!fs.existsSync(runner)) {
    console.error(`container-conformance: no conformance runner at ${runner} (pass --conformance DIR).`);
    process.exit(2);
  }
  if (!fs.existsSync(opts.cliEntry)) {
    console.error(`container-conformance: ${opts.cliEntry} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
  const all = fs
    .readdirSync(casesDir)
    .filter((d) => fs.existsSync(path.join(casesDir, d, 'case.json')))
    .sort();
  const own = all.filter((d) => fs.existsSync(path.join(casesDir, d, 'config.yaml')));
  let cases = all.filter((d) => !own.includes(d));
  if (opts.cases.length) {
    const bad = opts.cases.filter((c) => !cases.includes(c));
    if (bad.length) {
      console.error(`container-conformance: not a case without its own config: ${bad.join(', ')}`);
      process.exit(2);
    }
    cases = opts.cases;
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'container-conformance-'));
  const config = path.join(tmp, 'local-container.yaml');
  fs.writeFileSync(
    config,
    [
      '# written by scripts/container-conformance.mjs',
      'pipeline-executor:',
      '  type: local-container',
      '  config:',
      `    docker_image: ${opts.image}`,
      '    pull_policy: never',
      '    network: none',
      '',
    ].join('\n'),
  );
  const cli = `RUNNABLE_CONFIGURATION_FILE=${config} node ${opts.cliEntry}`;
  console.log(
    `container-conformance: ${cases.length} cases in ${opts.jobs} shard(s) under local-container (${opts.image}); skipped (own config.yaml): ${own.join(', ') || 'none'}`,
  );

  const started = Date.now();
  // round-robin, so slow cases (maps, loops) spread over the shards
  const shards = Array.from({ length: Math.min(opts.jobs, cases.length) }, () => []);
  cases.forEach((c, i) => shards[i % shards.length].push(c));
  const results = await Promise.all(shards.map((s) => runShard(runner, cli, s)));
  fs.rmSync(tmp, { recursive: true, force: true });

  let passed = 0;
  let failed = 0;
  for (const r of results) {
    for (const line of r.out.trimEnd().split('\n')) {
      const m = /^(\d+) passed, (\d+) failed$/.exec(line);
      if (m) {
        passed += Number(m[1]);
        failed += Number(m[2]);
      } else console.log(line);
    }
    if (r.code !== 0 && !/^\d+ passed, \d+ failed$/m.test(r.out)) failed += 1; // the runner itself broke
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${passed} passed, ${failed} failed (local-container, ${secs}s)`);
  process.exit(failed || passed !== cases.length || results.some((r) => r.code !== 0) ? 1 : 0);
}

await main();
