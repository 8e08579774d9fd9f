#!/usr/bin/env node
// Performance benchmarks of the runnable CLI (`npm run bench`). Not a test: it prints tables, ratios against
// baselines measured in the same run on the same machine, and a summary of which goals are met.
//
//   node bench/run.mjs [--quick] [--only N[,N...]] [--reps N] [--timeout SECONDS] [--json FILE] [--keep]
//                      [--cli PATH]
//
//   --quick     fewer repetitions and a shorter time-out for the runs that may not finish
//   --only N    run benchmark N only (1..8; a comma list runs several)
//   --reps N    repetitions of each measurement (default 3, --quick 1; cheap ones get more); the median is reported
//   --timeout S a big stub run (benchmarks 2 and 5) that takes longer is killed and reported as not finished
//               (default 45, --quick 30); any other run is killed only after 10 minutes
//   --json FILE also write every number measured to FILE
//   --keep      keep the temporary folder with the generated pipelines and run logs
//   --cli PATH  the CLI bundle to measure (default: dist/cli/index.js of this repository, copied first)
//
// Benchmarks (see docs/performance.md for the goals and the latest results):
//   1 per-step overhead   500 sequential `true` shell tasks vs a bare Node loop spawning `sh -c true`
//   2 stub throughput     a map over 10,000 items with a one-stub branch: step logs/s and peak RSS, both stores
//   3 parallel speed-up   a map over 32 `sleep 0.2` items, 8 at a time on chunked-fs, vs ceil(32/8) x 0.2 s
//   4 cold start          a one-stub pipeline end to end vs `node -e 0`
//   5 run-log growth      time per step of stub chains and stub maps of 100 / 1,000 / 10,000 steps, both stores
//   6 python steps        10 python + 10 shell tasks alternating vs 10 x `python3 -c pass` + 10 x `sh -c true`
//   7 task output         a 40 MB line without a newline, and 200 MB of 100-character lines (--quick: 50 MB), from
//                         one shell task: time vs the same command piped to /dev/null, and peak RSS
//   8 argo manifest       `runnable transpile` to an Argo Workflow of a 1,000-step chain, the same with a different
//                         override per step (no template shared), and a map inside a parallel inside a map: manifest
//                         bytes vs Argo's 1 MiB object limit, templates, transpile time vs a one-step pipeline
//
// Everything is generated under os.tmpdir() and removed at the end. The CLI bundle is copied there first, so
// that a rebuild of dist/ by someone else during the run does not change (or remove) what is measured.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------------------------------------
// options

function parseOptions(argv) {
  const o = { quick: false, only: null, reps: null, timeout: null, json: null, keep: false, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--only') o.only = new Set(value().split(',').map(Number));
    else if (a === '--reps') o.reps = Number(value());
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--json') o.json = path.resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--cli') o.cli = path.resolve(value());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (o.only && [...o.only].some((n) => !(n >= 1 && n <= 8))) usage('--only takes benchmark numbers 1 to 8');
  if (o.reps !== null && !(o.reps >= 1)) usage('--reps must be 1 or more');
  if (o.timeout !== null && !(o.timeout > 0)) usage('--timeout must be a number of seconds');
  o.reps ??= o.quick ? 1 : 3;
  o.timeoutMs = (o.timeout ?? (o.quick ? 30 : 45)) * 1000;
  return o;
}

function usage(problem) {
  const lines = fs
    .readFileSync(fileURLToPath(import.meta.url), 'utf8')
    .split('\n')
    .slice(1);
  const text = lines
    .slice(
      0,
      lines.findIndex((l) => l.startsWith('// Benchmarks')),
    )
    .map((l) => l.replace(/^\/\/ ?/, ''))
    .join('\n')
    .trim();
  if (problem) {
    process.stderr.write(`bench: ${problem}\n\n${text}\n`);
    process.exit(2);
  }
  process.stdout.write(`${text}\n`);
  process.exit(0);
}

const opts = parseOptions(process.argv.slice(2));
/** Runs other than the big stub runs are killed only when something is badly wrong. */
const SAFETY_LIMIT_S = 600;
const selected = (n) => !opts.only || opts.only.has(n);
/** Repetitions of a cheap measurement (a second or less per run). */
const cheapReps = () => Math.max(opts.reps, opts.quick ? 3 : 5);

// ------------------------------------------------------------------------------------------------
// small utilities

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => (xs.length > 1 ? `${fmtMs(Math.min(...xs))}..${fmtMs(Math.max(...xs))}` : '');
function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (Math.abs(ms) >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.abs(ms) >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}
const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const fmtBytes = (b) => (b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} kB`);
const fmtMB = (kb) => (Number.isFinite(kb) && kb > 0 ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

function heading(n, title) {
  const text = n ? `${n}. ${title}` : title;
  console.log(`\n== ${text} ${'='.repeat(Math.max(3, 92 - text.length))}`);
}

const results = { machine: {}, benchmarks: {}, summary: [] };
function summary(benchmark, measured, goal, met, note = '') {
  results.summary.push({ benchmark, measured, goal, met, note });
}

// ------------------------------------------------------------------------------------------------
// workspace: a temp root with a private copy of the CLI

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-bench-'));
const running = new Set();
let cleaned = false;
function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const pid of running) killGroup(pid, 'SIGKILL');
  if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
  else console.log(`(kept ${root})`);
}
process.on('exit', cleanUp);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanUp();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

function snapshotCli() {
  const source = opts.cli ?? path.join(repo, 'dist', 'cli', 'index.js');
  if (!fs.existsSync(source)) {
    console.error(`bench: ${source} does not exist: run \`npm run build\` first.`);
    process.exit(1);
  }
  const dest = path.join(root, 'cli');
  // retried: someone else's `npm run build` may be rewriting dist/ right now
  for (let attempt = 1; ; attempt++) {
    try {
      fs.cpSync(path.dirname(source), dest, { recursive: true });
      if (fs.existsSync(path.join(dest, path.basename(source)))) break;
    } catch (e) {
      if (attempt >= 10) throw e;
    }
    if (attempt >= 10) throw new Error(`could not copy ${source}`);
    execFileSync('sleep', ['1']);
  }
  return { source, cli: path.join(dest, path.basename(source)), builtAt: fs.statSync(source).mtime };
}

let dirCounter = 0;
/** A fresh working folder holding `files` (name -> text). */
function workdir(name, files) {
  const dir = path.join(root, `${String(++dirCounter).padStart(3, '0')}-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}
const removeDir = (dir) => fs.rmSync(dir, { recursive: true, force: true });

/** The environment the CLI runs with: ours minus anything RUNNABLE_* that would change what runs. */
function cliEnv(dir, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RUNNABLE_')) env[k] = v;
  env.PYTHONPATH = process.env.PYTHONPATH ? `${dir}${path.delimiter}${process.env.PYTHONPATH}` : dir;
  env.NO_COLOR = '1';
  return { ...env, ...extra };
}

// ------------------------------------------------------------------------------------------------
// running processes

const TIME_BIN = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    /* gone */
  }
}

function readHwmKB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childPids(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs a command to its end (or kills its process group after timeoutMs) and measures its wall time. With
 * `rss`, also the peak RSS of the command's own process: /usr/bin/time's %M when installed, else (and for a
 * killed run) the VmHWM of /proc/<pid>/status, polled.
 */
function runProcess(cmd, args, { cwd, env, timeoutMs = SAFETY_LIMIT_S * 1000, rss = false } = {}) {
  return new Promise((resolve) => {
    const rssFile = rss && TIME_BIN ? path.join(root, `rss-${process.pid}-${++dirCounter}.txt`) : null;
    const [file, argv] = rssFile ? [TIME_BIN, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child.pid);
    const out = { text: '', done: 0 };
    let err = '';
    const keep = (s, chunk) => (s.length > 2_000_000 ? s.slice(-1_000_000) : s) + chunk;
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out.text = keep(out.text, c);
      // finished steps, as the console reporter prints them: progress of a run that will not finish
      for (let i = c.indexOf('✔'); i >= 0; i = c.indexOf('✔', i + 1)) out.done++;
    });
    child.stderr.setEncoding('utf8').on('data', (c) => (err = keep(err, c)));
    let hwm = 0;
    const target = () => (rssFile ? childPids(child.pid)[0] : child.pid);
    const poll = rss
      ? setInterval(() => {
          const pid = target();
          if (pid) hwm = Math.max(hwm, readHwmKB(pid));
        }, 100)
      : null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      const pid = target();
      if (pid) hwm = Math.max(hwm, readHwmKB(pid));
      // the measured process first, so that /usr/bin/time still reports its peak; then whatever is left
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 500);
    }, timeoutMs);
    let ms = NaN;
    child.on('exit', () => (ms = performance.now() - started));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      running.delete(child.pid);
      killGroup(child.pid, 'SIGKILL'); // stray grandchildren
      let peakRssKB = hwm;
      if (rssFile) {
        try {
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
          const v = Number(lines.at(-1));
          if (Number.isFinite(v) && v > 0) peakRssKB = Math.max(peakRssKB, v);
          // /usr/bin/time reports the command's exit status as its own
          const m = /exited with non-zero status (\d+)|terminated by signal (\d+)/.exec(lines.join('\n'));
          if (m) code = m[1] ? Number(m[1]) : 128 + Number(m[2]);
        } catch {
          /* killed before it wrote */
        }
        fs.rmSync(rssFile, { force: true });
      }
      resolve({
        ms: Number.isFinite(ms) ? ms : performance.now() - started,
        code,
        signal,
        timedOut,
        stdout: out.text,
        stderr: err,
        stepsDone: out.done,
        peakRssKB,
      });
    });
  });
}

let CLI;
function runCli(dir, argv, o = {}) {
  return runProcess(process.execPath, [CLI, 'execute', ...argv], { cwd: dir, env: cliEnv(dir, o.env), ...o });
}

/** Step logs in the run log (every step at any depth, success/fail nodes included). */
function countStepLogs(dir, runId) {
  const store = path.join(dir, '.run_log_store');
  const single = path.join(store, `${runId}.json`);
  const files = fs.existsSync(single)
    ? [single]
    : fs.existsSync(path.join(store, runId))
      ? fs
          .readdirSync(path.join(store, runId))
          .filter((f) => f.endsWith('.json'))
          .map((f) => path.join(store, runId, f))
      : [];
  const needle = Buffer.from('"step_type":');
  let n = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) n++;
  }
  return n;
}

/** The line of stderr that says what went wrong (for an internal error, the exception under the banner). */
function firstError(r) {
  const lines = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => /^(\w*Error\b|error:|FATAL ERROR)/.test(l)) ??
    lines.find((l) => /error|warning/i.test(l)) ??
    lines[0] ??
    `exit code ${r.code}`;
  return line.slice(0, 120);
}

/**
 * Runs `once` `reps` times (at least once; more when the first run took under 3 s or 1 s), stopping early
 * when a run fails or when the runs so far took more than `budgetMs`. Returns the list of results.
 */
async function repeat(once, { reps = opts.reps, budgetMs = 40_000 } = {}) {
  const out = [];
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = await once(i);
    out.push(r);
    // short runs are noisy (a cold start is most of them) and cheap: more of them
    if (i === 0 && r.ms < 1000) reps = Math.max(reps, opts.quick ? 5 : 9);
    else if (i === 0 && r.ms < 3000) reps = Math.max(reps, cheapReps());
    if (!r.ok || performance.now() - t0 > budgetMs) break;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// pipelines

const q = (s) => JSON.stringify(s);

function chainYaml(n, step) {
  const lines = ['dag:', `  description: ${n} steps in a row`, '  start_at: s0', '  steps:'];
  for (let i = 0; i < n; i++) {
    lines.push(`    s${i}:`, ...step(i).map((l) => `      ${l}`), `      next: ${i + 1 < n ? `s${i + 1}` : 'success'}`);
  }
  return `${lines.join('\n')}\n`;
}
const stubStep = () => ['type: stub'];
const shellStep = (command) => () => ['type: task', 'command_type: shell', `command: ${q(command)}`];

function mapYaml(branchStep) {
  return [
    'dag:',
    '  start_at: fan',
    '  steps:',
    '    fan:',
    '      type: map',
    '      iterate_on: items',
    '      iterate_as: item',
    '      next: success',
    '      branch:',
    '        start_at: one',
    '        steps:',
    '          one:',
    ...branchStep.map((l) => `            ${l}`),
    '            next: success',
    '',
  ].join('\n');
}
const itemsYaml = (n) => `items: [${Array.from({ length: n }, (_, i) => i).join(', ')}]\n`;

const CONFIG = {
  fs: null, // the default configuration: file-system run-log store
  chunked: 'run-log-store:\n  type: chunked-fs\n',
  parallel:
    'pipeline-executor:\n  type: local\n  config:\n    enable_parallel: true\n    max_concurrency: 8\nrun-log-store:\n  type: chunked-fs\n',
};
const STORE_NAME = { fs: 'file-system', chunked: 'chunked-fs' };

const ONE_STUB = 'dag:\n  start_at: only\n  steps:\n    only:\n      type: stub\n      next: success\n';

/**
 * Runs one pipeline in a fresh folder (removed afterwards). With `paired`, a one-stub pipeline with the same
 * configuration runs just before it: `net` is the pipeline's time minus that cold start, both taken under the
 * same load from whatever else runs on the machine.
 */
async function runPipeline(name, { pipeline, params, config, files = {}, rss = false, timeoutMs, env, paired = false, inspect } = {}) {
  let cold = NaN;
  if (paired) {
    const c = await runPipeline('cold', { pipeline: ONE_STUB, config, env });
    if (!c.ok) throw new Error(`the one-stub pipeline failed: ${c.problem}`);
    cold = c.ms;
  }
  const all = { 'pipeline.yaml': pipeline, ...files };
  const argv = ['pipeline.yaml', 'bench'];
  if (params) {
    all['params.yaml'] = params;
    argv.push('-p', 'params.yaml');
  }
  if (config) {
    all['config.yaml'] = config;
    argv.push('-c', 'config.yaml');
  }
  const dir = workdir(name, all);
  try {
    const r = await runCli(dir, argv, { rss, timeoutMs, env });
    r.ok = r.code === 0 && !r.timedOut;
    r.stepLogs = r.ok ? countStepLogs(dir, 'bench') : NaN;
    r.problem = r.timedOut ? `did not finish in ${fmtMs(timeoutMs ?? SAFETY_LIMIT_S * 1000)}` : r.code !== 0 ? firstError(r) : '';
    r.cold = cold;
    r.net = r.ms - cold;
    if (inspect && r.ok) r.inspected = inspect(dir);
    return r;
  } finally {
    removeDir(dir);
  }
}

/** Median end-to-end and net (minus the paired cold start) times of the successful runs. */
function summarise(runs) {
  const ok = runs.filter((r) => r.ok);
  return {
    runs,
    ok: ok.length > 0,
    n: ok.length,
    ms: median(ok.map((r) => r.ms)),
    net: median(ok.map((r) => r.net)),
    cold: median(ok.map((r) => r.cold)),
    msAll: ok.map((r) => r.ms),
    netAll: ok.map((r) => r.net),
    stepLogs: ok[0]?.stepLogs ?? NaN,
    peakRssKB: Math.max(0, ...runs.map((r) => r.peakRssKB || 0)),
    problem: runs.find((r) => !r.ok)?.problem ?? '',
    stubsDone: runs.at(-1).stepsDone,
    inspected: ok[0]?.inspected,
  };
}

/**
 * What one rewrite of a single-file run log costs (the file-system store renders and rewrites the whole file,
 * at most every 200 ms while tasks run): JSON.stringify with indentation, then write and rename, timed here on the
 * run log the CLI wrote. Skipped above 300 MB.
 */
function rewriteCost(dir) {
  const file = path.join(dir, '.run_log_store', 'bench.json');
  if (!fs.existsSync(file)) return undefined;
  const bytes = fs.statSync(file).size;
  if (bytes > 300 * 2 ** 20) return { bytes, ms: NaN };
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(log));
    fs.renameSync(`${file}.tmp`, file);
    times.push(performance.now() - t);
  }
  return { bytes, ms: median(times) };
}

// A bare loop in a fresh Node process: spawn each command, wait for it to exit; prints its own elapsed ms.
async function bareLoop(commands) {
  const script = [
    "import { spawn } from 'node:child_process';",
    `const commands = ${JSON.stringify(commands)};`,
    'const t = performance.now();',
    // default options (stdout/stderr piped, as a task runner needs them): spawn, await exit
    "for (const [file, args] of commands) await new Promise((resolve, reject) => spawn(file, args).on('error', reject).on('exit', resolve));",
    'console.log(performance.now() - t);',
  ].join('\n');
  const dir = workdir('baseline', { 'loop.mjs': script });
  try {
    const r = await runProcess(process.execPath, ['loop.mjs'], { cwd: dir, env: cliEnv(dir) });
    if (r.code !== 0) throw new Error(`baseline loop failed${r.timedOut ? ' (time-out)' : ''}: ${r.stderr.trim() || `exit ${r.code}`}`);
    return Number(r.stdout.trim());
  } finally {
    removeDir(dir);
  }
}

// ------------------------------------------------------------------------------------------------
// cold start (benchmark 4; the other benchmarks subtract a cold start paired with each of their runs)

async function measureColdStart(reps) {
  const cli = [];
  const node = [];
  for (let i = 0; i < reps; i++) {
    // interleaved, so that a burst of load from other processes hits both sides alike
    const n = await runProcess(process.execPath, ['-e', '0'], { cwd: root, env: cliEnv(root) });
    node.push(n.ms);
    const r = await runPipeline('cold', { pipeline: ONE_STUB });
    if (!r.ok) throw new Error(`the one-stub pipeline failed: ${r.problem}\n${r.stderr}`);
    cli.push(r.ms);
  }
  return { cli, node, cliMs: median(cli), nodeMs: median(node) };
}

// ------------------------------------------------------------------------------------------------
// 1. per-step overhead

async function bench1() {
  heading(1, 'Per-step overhead: 500 sequential `true` shell tasks vs a bare spawn loop');
  const N = 500;
  const pipeline = chainYaml(N, shellStep('true'));
  const bare = [];
  const runs = await repeat(
    async () => {
      bare.push(await bareLoop(Array.from({ length: N }, () => ['sh', ['-c', 'true']])));
      return runPipeline('shell-chain', { pipeline, paired: true });
    },
    { budgetMs: 120_000 },
  );
  const r = summarise(runs);
  const perStep = r.net / N;
  const barePerStep = median(bare) / N;
  const ratio = perStep / barePerStep;
  table(
    ['', 'runs', 'total (median)', 'range', 'per step'],
    [
      ['bare loop: spawn `sh -c true`, await exit', bare.length, fmtMs(median(bare)), spread(bare), fmtMs(barePerStep)],
      [`runnable: ${N} shell steps, end to end`, r.n, fmtMs(r.ms), spread(r.msAll), ''],
      ['runnable: minus its paired cold start', '', fmtMs(r.net), `(cold ${fmtMs(r.cold)})`, fmtMs(perStep)],
    ],
  );
  if (r.problem) console.log(`runnable run failed: ${r.problem}`);
  console.log(`ratio (runnable per step / bare spawn): ${fmtRatio(ratio)}   goal <= 1.5x`);
  results.benchmarks.perStep = {
    steps: N,
    cliMs: r.msAll,
    netMs: r.netAll,
    bareMs: bare,
    perStepMs: perStep,
    barePerStepMs: barePerStep,
    ratio,
  };
  summary(
    '1 per-step overhead, shell',
    `${fmtMs(perStep)}/step = ${fmtRatio(ratio)} bare`,
    '<= 1.5x bare',
    r.problem ? 'missed' : ratio <= 1.5 ? 'met' : 'missed',
    r.problem || `bare ${fmtMs(barePerStep)}/step`,
  );
}

// ------------------------------------------------------------------------------------------------
// 2. stub throughput

const bigMaps = {}; // store -> result of the 10,000-item map, shared with benchmark 5

/** How far a run that did not finish got, from the steps the console reported finished. */
function progress(r, stubs) {
  if (r.stubsDone > stubs) return 'all stubs done, still writing'; // the map step itself was reported too
  return `${fmtInt(r.stubsDone)}/${fmtInt(stubs)} stubs done`;
}

async function stubMap(store, items, { rss = false } = {}) {
  const pipeline = mapYaml(['type: stub']);
  const params = itemsYaml(items);
  const inspect = store === 'fs' ? rewriteCost : undefined;
  return summarise(
    await repeat(
      () =>
        runPipeline(`map${items}-${store}`, {
          pipeline,
          params,
          config: CONFIG[store],
          rss,
          paired: true,
          timeoutMs: opts.timeoutMs,
          inspect,
        }),
      { budgetMs: 30_000 },
    ),
  );
}

async function bench2() {
  heading(2, 'Stub throughput: a map over 10,000 items with a one-stub branch');
  const ITEMS = 10_000;
  console.log(
    TIME_BIN
      ? 'peak RSS: /usr/bin/time %M of the CLI process'
      : 'peak RSS: VmHWM of /proc/<pid>/status, polled (/usr/bin/time is not installed)',
  );
  const rows = [];
  for (const store of ['fs', 'chunked']) {
    const r = await stubMap(store, ITEMS, { rss: true });
    bigMaps[store] = r;
    const rate = r.stepLogs / (r.ms / 1000);
    // a run that did not finish: two step logs (stub + branch success) per stub printed as done
    const partialRate = (2 * r.stubsDone) / (opts.timeoutMs / 1000);
    rows.push([
      STORE_NAME[store],
      r.runs.length,
      r.ok ? fmtMs(r.ms) : `> ${fmtMs(opts.timeoutMs)}`,
      r.ok ? fmtInt(r.stepLogs) : progress(r, ITEMS),
      r.ok ? fmtInt(rate) : `< ${fmtInt(partialRate)}`,
      `${r.ok ? '' : '>= '}${fmtMB(r.peakRssKB)}`,
      r.problem,
    ]);
    results.benchmarks[`stubs_${store}`] = {
      items: ITEMS,
      ok: r.ok,
      ms: r.msAll,
      stepLogs: r.stepLogs,
      stepsPerSecond: r.ok ? rate : null,
      stubsDone: r.ok ? ITEMS : r.stubsDone,
      peakRssKB: r.peakRssKB,
      problem: r.problem,
    };
    const rateNote = r.ok ? `${fmtInt(rate)} steps/s` : `DNF in ${fmtMs(opts.timeoutMs)}: ${progress(r, ITEMS)}`;
    summary(
      `2 stub throughput, ${STORE_NAME[store]}`,
      rateNote,
      '>= 2,000 steps/s',
      r.ok && rate >= 2000 ? 'met' : 'missed',
      r.ok ? '' : r.problem,
    );
    summary(
      `2 peak RSS, ${STORE_NAME[store]}`,
      `${r.ok ? '' : '>= '}${fmtMB(r.peakRssKB)}`,
      '< 300 MB',
      r.ok && r.peakRssKB < 300 * 1024 ? 'met' : 'missed',
      r.ok ? '' : 'when killed',
    );
  }
  table(['run-log store', 'runs', 'wall (median)', 'step logs', 'steps/s', 'peak RSS', 'problem'], rows);
  console.log('goals: >= 2,000 steps/s (every step log, success nodes included, over the end-to-end wall time); peak RSS < 300 MB');
}

// ------------------------------------------------------------------------------------------------
// 3. parallel speed-up

async function bench3() {
  heading(3, 'Parallel speed-up: a map over 32 `sleep 0.2` shell tasks, max_concurrency 8, chunked-fs');
  const ITEMS = 32;
  const WIDTH = 8;
  const SLEEP = 0.2;
  const ideal = Math.ceil(ITEMS / WIDTH) * SLEEP * 1000;
  const pipeline = mapYaml(['type: task', 'command_type: shell', `command: ${q(`sleep ${SLEEP}`)}`]);
  const r = summarise(
    await repeat(() => runPipeline('parallel', { pipeline, params: itemsYaml(ITEMS), config: CONFIG.parallel, paired: true })),
  );
  const warned = r.runs.find((x) => /warning/.test(x.stderr));
  const ratio = r.net / ideal;
  table(
    ['', 'runs', 'time (median)', 'range'],
    [
      [`ideal: ceil(${ITEMS}/${WIDTH}) x ${SLEEP} s`, '', fmtMs(ideal), ''],
      ['runnable, end to end', r.n, fmtMs(r.ms), spread(r.msAll)],
      ['runnable, minus its paired cold start', '', fmtMs(r.net), `(cold ${fmtMs(r.cold)})`],
      ['(all 32 in a row would take)', '', fmtMs(ITEMS * SLEEP * 1000), ''],
    ],
  );
  if (r.problem) console.log(`run failed: ${r.problem}`);
  if (warned) console.log(`the CLI warned: ${firstError(warned)}`);
  console.log(`ratio (minus cold start / ideal): ${fmtRatio(ratio)}   goal <= 1.3x   (end to end: ${fmtRatio(r.ms / ideal)})`);
  results.benchmarks.parallel = {
    items: ITEMS,
    width: WIDTH,
    idealMs: ideal,
    ms: r.msAll,
    netMs: r.netAll,
    ratio,
    endToEndRatio: r.ms / ideal,
  };
  summary(
    '3 parallel map, 32 x sleep 0.2 by 8',
    `${fmtMs(r.net)} = ${fmtRatio(ratio)} ideal`,
    '<= 1.3x ideal',
    !r.problem && ratio <= 1.3 ? 'met' : 'missed',
    r.problem || `end to end ${fmtRatio(r.ms / ideal)}`,
  );
}

// ------------------------------------------------------------------------------------------------
// 4. cold start

async function bench4() {
  heading(4, 'Cold start: a one-stub pipeline end to end vs `node -e 0`');
  const c = await measureColdStart(Math.max(cheapReps(), opts.quick ? 3 : 7));
  const ratio = c.cliMs / c.nodeMs;
  table(
    ['', 'runs', 'median', 'range'],
    [
      ['node -e 0', c.node.length, fmtMs(c.nodeMs), spread(c.node)],
      ['runnable execute (one stub)', c.cli.length, fmtMs(c.cliMs), spread(c.cli)],
    ],
  );
  console.log(`ratio: ${fmtRatio(ratio)}   goal <= 4x   (difference ${fmtMs(c.cliMs - c.nodeMs)})`);
  results.benchmarks.coldStart = { cliMs: c.cli, nodeMs: c.node, ratio };
  summary(
    '4 cold start, one stub',
    `${fmtMs(c.cliMs)} = ${fmtRatio(ratio)} node -e 0`,
    '<= 4x node -e 0',
    ratio <= 4 ? 'met' : 'missed',
    `node -e 0: ${fmtMs(c.nodeMs)}`,
  );
}

// ------------------------------------------------------------------------------------------------
// 5. run-log growth

async function bench5() {
  heading(5, 'Run-log growth: time per step of sequential stub pipelines of 100 / 1,000 / 10,000 steps');
  const SIZES = [100, 1000, 10_000];
  const rows = [];
  const series = {};
  for (const shape of ['chain', 'map']) {
    for (const store of ['fs', 'chunked']) {
      const key = `${shape}, ${STORE_NAME[store]}`;
      series[key] = [];
      for (const n of SIZES) {
        let r;
        if (shape === 'map' && n === 10_000 && bigMaps[store])
          r = bigMaps[store]; // benchmark 2's run: not run twice
        else if (shape === 'map') r = await stubMap(store, n);
        else {
          const pipeline = chainYaml(n, stubStep);
          const inspect = store === 'fs' ? rewriteCost : undefined;
          r = summarise(
            await repeat(
              () =>
                runPipeline(`chain${n}-${store}`, { pipeline, config: CONFIG[store], paired: true, timeoutMs: opts.timeoutMs, inspect }),
              { budgetMs: 30_000 },
            ),
          );
        }
        const perStep = r.net / r.stepLogs;
        series[key].push({
          n,
          ok: r.ok,
          ms: r.ms,
          netMs: r.net,
          stepLogs: r.stepLogs,
          perStepMs: perStep,
          problem: r.problem,
          stubsDone: r.stubsDone,
          rewrite: r.inspected,
        });
        rows.push([
          key,
          fmtInt(n),
          r.runs.length,
          r.ok ? fmtMs(r.ms) : '-',
          r.ok ? fmtMs(r.net) : '-',
          r.ok ? fmtInt(r.stepLogs) : progress(r, n),
          r.ok ? fmtMs(perStep) : '-',
          r.ok ? fmtInt(1000 / perStep) : '-',
          r.problem,
        ]);
      }
    }
  }
  table(['shape, store', 'stubs', 'runs', 'wall (median)', 'minus cold', 'step logs', 'per step', 'steps/s', 'problem'], rows);
  console.log('per step = (wall - paired cold start) / step logs written (a map of n stubs writes 2n + 2, a chain n + 1)');
  console.log('');
  const growthRows = [];
  for (const [key, s] of Object.entries(series)) {
    const small = s[0];
    const big = s.at(-1);
    const ratio = big.ok && small.ok ? big.perStepMs / small.perStepMs : NaN;
    // the first size whose per-step time is more than 1.5x the smallest one's: where the store stops scaling
    const breaks = s.find((x) => !x.ok || x.perStepMs > 1.5 * small.perStepMs);
    const stops = !breaks
      ? 'flat to 10,000'
      : breaks.ok
        ? `per step x${(breaks.perStepMs / small.perStepMs).toFixed(1)} at ${fmtInt(breaks.n)}`
        : `fails at ${fmtInt(breaks.n)}`;
    growthRows.push([key, ...s.map((x) => (x.ok ? fmtMs(x.perStepMs) : 'failed')), fmtRatio(ratio), stops]);
    summary(
      `5 run-log growth, ${key}`,
      big.ok ? `per step 10k/100 = ${fmtRatio(ratio)}` : `10,000 failed`,
      '<= 1.5x',
      big.ok && ratio <= 1.5 ? 'met' : 'missed',
      big.ok ? stops : `${stops}: ${big.problem}`,
    );
  }
  table(['shape, store', ...SIZES.map((n) => fmtInt(n)), '10k / 100', 'stops scaling'], growthRows);
  console.log('goal: per-step time at 10,000 <= 1.5x the one at 100');
  // Stub steps never wait for I/O, so the file-system store's throttled rewrite does not run during a stub-only
  // pipeline: its cost shows when steps take time. What one rewrite costs at each size:
  console.log('');
  const rewriteRows = [];
  for (const [key, s] of Object.entries(series)) {
    if (!key.endsWith('file-system')) continue;
    for (const x of s) {
      if (!x.rewrite) continue;
      const busy = x.rewrite.ms / (x.rewrite.ms + Math.max(200, 20 * x.rewrite.ms));
      rewriteRows.push([
        key,
        fmtInt(x.n),
        fmtBytes(x.rewrite.bytes),
        fmtMs(x.rewrite.ms),
        Number.isFinite(busy) ? `${(100 * busy).toFixed(0)}%` : 'n/a',
      ]);
    }
  }
  if (rewriteRows.length) {
    console.log('file-system store: one rewrite of the whole run log (JSON.stringify + write + rename), timed by the bench');
    table(
      ['shape, store', 'stubs', 'run log', 'one rewrite', 'main thread busy rewriting (throttle: max(200 ms, 20 x one rewrite))'],
      rewriteRows,
    );
  }
  results.benchmarks.growth = series;
}

// ------------------------------------------------------------------------------------------------
// 6. python steps

const FUNCTIONS_PY = 'def one():\n    return 1\n';

async function bench6() {
  heading(6, 'Python steps: 10 python + 10 shell tasks alternating vs one interpreter start per python step');
  const N = 10;
  const pipeline = chainYaml(2 * N, (i) =>
    i % 2 === 0
      ? ['type: task', 'command: functions.one', 'returns:', '  - name: n']
      : ['type: task', 'command_type: shell', 'command: "true"'],
  );
  let realPython;
  try {
    realPython = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  } catch {
    console.log('python3 is not on the PATH: benchmark 6 skipped');
    summary('6 python steps', 'skipped: no python3', 'n/a', 'n/a');
    return;
  }
  let pathIsShim = false;
  try {
    pathIsShim = fs.readFileSync(execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim(), 'utf8').startsWith('#!');
  } catch {
    /* a binary */
  }
  const variants = [{ label: '`python3` (PATH)', python: 'python3', env: {} }];
  if (pathIsShim) variants.push({ label: 'interpreter itself', python: realPython, env: { RUNNABLE_PYTHON: realPython } });
  const rows = [];
  const out = [];
  for (const v of variants) {
    const commands = [];
    for (let i = 0; i < N; i++) commands.push([v.python, ['-c', 'pass']], ['sh', ['-c', 'true']]);
    const bare = [];
    const r = summarise(
      await repeat(async () => {
        bare.push(await bareLoop(commands));
        return runPipeline('python', { pipeline, files: { 'functions.py': FUNCTIONS_PY }, env: v.env, paired: true });
      }),
    );
    const ratio = r.net / median(bare);
    rows.push([
      v.label,
      `bare: ${N} x \`${v.python === 'python3' ? 'python3' : 'python'} -c pass\` + ${N} x \`sh -c true\``,
      bare.length,
      fmtMs(median(bare)),
      spread(bare),
      '',
    ]);
    rows.push(['', `runnable: ${N} python + ${N} shell steps, minus cold start`, r.n, fmtMs(r.net), spread(r.netAll), fmtRatio(ratio)]);
    if (r.problem) console.log(`run failed (${v.label}): ${r.problem}`);
    out.push({ python: v.python, bareMs: bare, cliMs: r.msAll, netMs: r.netAll, ratio, problem: r.problem });
    summary(
      `6 python+shell x10, ${v.label}`,
      `${fmtMs(r.net)} = ${fmtRatio(ratio)} bare`,
      'none (reported)',
      r.problem ? 'failed' : 'info',
      `bare ${fmtMs(median(bare))}`,
    );
  }
  table(['python', '', 'runs', 'median', 'range', 'ratio'], rows);
  if (pathIsShim) {
    console.log(`note: \`python3\` on the PATH is a shell-script shim (pyenv?) for ${realPython}; the second pair runs that`);
    console.log(
      'interpreter directly (RUNNABLE_PYTHON for runnable). runnable starts one interpreter (worker) per run, the baseline one per step.',
    );
  }
  results.benchmarks.python = out;
}

// ------------------------------------------------------------------------------------------------
// 7. task output

async function bench7() {
  heading(7, 'Task output: one long line, and a lot of lines, from a shell task');
  const lineMB = 40;
  const manyMB = opts.quick ? 50 : 200;
  const cases = [
    { name: `one ${lineMB} MB line, no newline`, command: `head -c ${lineMB * 2 ** 20} /dev/zero | tr '\\0' x` },
    { name: `${manyMB} MB in 100-character lines`, command: `yes ${'y'.repeat(98)} | head -c ${manyMB * 2 ** 20}` },
  ];
  const rows = [];
  const out = [];
  for (const c of cases) {
    const bare = await runProcess('sh', ['-c', `${c.command} > /dev/null`]);
    const r = summarise(
      await repeat(() => runPipeline('output', { pipeline: chainYaml(1, shellStep(c.command)), rss: true, paired: true }), {
        reps: 1,
        budgetMs: 120_000,
      }),
    );
    const ratio = r.net / bare.ms;
    rows.push([c.name, fmtMs(bare.ms), r.ok ? fmtMs(r.net) : r.problem, fmtRatio(ratio), fmtMB(r.peakRssKB)]);
    out.push({ case: c.name, bareMs: bare.ms, netMs: r.net, ratio, peakRssKB: r.peakRssKB, problem: r.problem });
    summary(
      `7 output: ${c.name}`,
      `${fmtRatio(ratio)} bare, ${fmtMB(r.peakRssKB)}`,
      'linear; RSS < 300 MB',
      r.ok && r.peakRssKB < 300 * 1024 ? 'met' : 'missed',
      r.problem,
    );
  }
  table(['output', 'bare (to /dev/null)', 'runnable (net)', 'ratio', 'peak RSS'], rows);
  console.log('Lines are cut at 64 K characters with a marker; output goes to the execution log file as it comes.');
  results.benchmarks.output = out;
}

// ------------------------------------------------------------------------------------------------
// 8. argo manifest size

const MIB = 2 ** 20;
/** The argo configuration: every key that adds to each container template set once, as a real one would. */
function argoConfig(overrides = '') {
  return [
    'pipeline-executor:',
    '  type: argo',
    '  config:',
    '    pvc_for_runnable: runnable',
    '    output_file: argo-pipeline.yaml',
    '    defaults:',
    '      image: ghcr.io/acme/pipelines:1',
    '      env: [{name: STAGE, value: prod}]',
    '    argoWorkflow: {metadata: {generateName: bench-, namespace: pipelines}}',
    overrides,
    'run-log-store: {type: chunked-fs}',
    '',
  ].join('\n');
}

/** `n` shell tasks in a row, each with its own override (a memory request of its own): no template can be shared. */
function overriddenChain(n) {
  const pipeline = chainYaml(n, (i) => [...shellStep('echo step')(), `overrides: {argo: o${i}}`]);
  const overrides = [
    '    overrides:',
    ...Array.from({ length: n }, (_, i) => `      o${i}: {resources: {requests: {memory: ${100 + i}Mi}}}`),
  ];
  return { pipeline, config: argoConfig(overrides.join('\n')) };
}

/** A map over `outer` whose branch is a parallel of two branches, each a map over `inner` of two tasks. */
function nestedFanOut() {
  const task = (name, next) => [`${name}:`, '  type: task', '  command_type: shell', `  command: ${q(`echo ${name}`)}`, `  next: ${next}`];
  const innerMap = (name) => [
    `${name}:`,
    '  type: map',
    '  iterate_on: inner',
    '  iterate_as: y',
    '  next: success',
    '  branch:',
    '    start_at: prepare',
    '    steps:',
    ...[...task('prepare', 'train'), ...task('train', 'success')].map((l) => `      ${l}`),
  ];
  const lines = [
    'dag:',
    '  start_at: outer',
    '  steps:',
    '    outer:',
    '      type: map',
    '      iterate_on: outer',
    '      iterate_as: x',
    '      next: report',
    '      branch:',
    '        start_at: both',
    '        steps:',
    '          both:',
    '            type: parallel',
    '            next: success',
    '            branches:',
    '              left:',
    '                start_at: fan_left',
    '                steps:',
    ...innerMap('fan_left').map((l) => `                  ${l}`),
    '              right:',
    '                start_at: fan_right',
    '                steps:',
    ...innerMap('fan_right').map((l) => `                  ${l}`),
    ...task('report', 'success').map((l) => `    ${l}`),
    '',
  ];
  return { pipeline: lines.join('\n'), params: 'outer: [1, 2, 3]\ninner: [a, b]\n', config: argoConfig() };
}

/** One `runnable transpile` in a fresh folder: wall time, the executor's own time, bytes and templates of the file. */
async function transpileOnce(name, { pipeline, params, config }) {
  const files = { 'pipeline.yaml': pipeline, 'argo.yaml': config, ...(params ? { 'params.yaml': params } : {}) };
  const dir = workdir(name, files);
  const argv = ['transpile', 'pipeline.yaml', '-c', 'argo.yaml', ...(params ? ['-p', 'params.yaml'] : [])];
  const r = await runProcess(process.execPath, [CLI, ...argv], { cwd: dir, env: cliEnv(dir) });
  const said = /argo: \w+ with (\d+) templates, [\d.]+ KiB \(limit 1024 KiB\), in (\d+) ms/.exec(r.stdout);
  const file = path.join(dir, 'argo-pipeline.yaml');
  const bytes = fs.existsSync(file) ? fs.statSync(file).size : NaN;
  removeDir(dir);
  const ok = r.code === 0 && !!said;
  return {
    ok,
    ms: r.ms,
    problem: ok ? '' : firstError(r),
    bytes,
    templates: said ? Number(said[1]) : NaN,
    transpileMs: said ? Number(said[2]) : NaN,
  };
}

async function bench8() {
  heading(8, 'Argo manifest: bytes vs the 1 MiB object limit, templates, transpile time vs a one-step pipeline');
  const cases = [
    ['one step (baseline)', { pipeline: chainYaml(1, shellStep('echo step')), config: argoConfig() }],
    ['1,000-step chain', { pipeline: chainYaml(1000, shellStep('echo step')), config: argoConfig() }],
    // 1,000 would be 1.3 MB: refused before it is written (over Argo's 1 MiB), so half of that
    ['500 steps, an override each', overriddenChain(500)],
    ['map > parallel > map', nestedFanOut()],
  ];
  const measured = [];
  for (const [label, c] of cases) {
    const runs = await repeat((i) => transpileOnce(`argo-${measured.length}-${i}`, c), { reps: cheapReps(), budgetMs: 30_000 });
    const last = runs.at(-1);
    measured.push({
      label,
      ok: runs.every((r) => r.ok),
      problem: runs.find((r) => !r.ok)?.problem,
      bytes: last.bytes,
      templates: last.templates,
      wallMs: median(runs.map((r) => r.ms)),
      transpileMs: median(runs.map((r) => r.transpileMs)),
      runs: runs.length,
    });
  }
  const base = measured[0];
  table(
    ['pipeline', 'manifest', 'of 1 MiB', 'templates', 'transpile (in-process)', 'CLI wall', 'vs one step', 'runs'],
    measured.map((m) => [
      m.ok ? m.label : `${m.label} (FAILED: ${m.problem})`,
      fmtBytes(m.bytes),
      `${((100 * m.bytes) / MIB).toFixed(1)} %`,
      fmtInt(m.templates),
      fmtMs(m.transpileMs),
      fmtMs(m.wallMs),
      fmtRatio(m.wallMs / base.wallMs),
      m.runs,
    ]),
  );
  console.log(
    "transpile (in-process): the executor's own figure (build, lint, YAML, write); CLI wall: the whole command, cold start included.",
  );
  results.benchmarks.argoManifest = measured;
  for (const m of measured.slice(1)) {
    summary(
      `8 argo manifest, ${m.label}`,
      `${fmtBytes(m.bytes)} (${((100 * m.bytes) / MIB).toFixed(1)} % of 1 MiB), ${fmtMs(m.wallMs)} = ${fmtRatio(m.wallMs / base.wallMs)} one step`,
      '< 1 MiB',
      m.ok && m.bytes < MIB ? 'met' : 'missed',
      `${fmtInt(m.templates)} templates`,
    );
  }
}

// ------------------------------------------------------------------------------------------------

function machine() {
  const sh = (c) => {
    try {
      return execFileSync('sh', ['-c', c], { encoding: 'utf8' }).trim();
    } catch {
      return 'n/a';
    }
  };
  const cpu = (/model name\s*:\s*(.*)/.exec(sh('cat /proc/cpuinfo')) ?? [])[1] ?? os.cpus()[0]?.model ?? 'n/a';
  return {
    nproc: sh('nproc'),
    cpu,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    python: sh('python3 --version 2>&1'),
    load: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

async function main() {
  const m = machine();
  try {
    m.commit = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim().slice(0, 80);
  } catch {
    m.commit = 'n/a';
  }
  const snap = snapshotCli();
  CLI = snap.cli;
  results.machine = {
    ...m,
    cli: snap.source,
    builtAt: snap.builtAt.toISOString(),
    options: { quick: opts.quick, reps: opts.reps, timeoutMs: opts.timeoutMs },
  };
  console.log(`runnable benchmarks: ${snap.source} (built ${snap.builtAt.toISOString()}; HEAD ${m.commit})`);
  console.log(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memory}, node ${m.node}, ${m.python}; load average ${m.load}`);
  console.log(`repetitions ${opts.reps} (cheap runs ${cheapReps()}), time-out ${fmtMs(opts.timeoutMs)}, work in ${root}`);
  const t0 = performance.now();
  const benches = [
    [4, bench4], // first: its cold start is subtracted by the others
    [1, bench1],
    [2, bench2],
    [3, bench3],
    [5, bench5],
    [6, bench6],
    [7, bench7],
    [8, bench8],
  ];
  for (const [n, fn] of benches) {
    if (!selected(n)) continue;
    try {
      await fn();
    } catch (e) {
      console.log(`benchmark ${n} could not run: ${e.stack ?? e}`);
      summary(`${n} (error)`, String(e.message ?? e).slice(0, 60), '', 'error');
    }
  }
  heading(null, 'Summary');
  const order = (s) => Number(s.benchmark.split(' ')[0]) || 9;
  const rows = [...results.summary].sort((a, b) => order(a) - order(b)).map((s) => [s.benchmark, s.measured, s.goal, s.met, s.note]);
  table(['benchmark', 'measured', 'goal', 'result', 'note'], rows);
  const total = performance.now() - t0;
  console.log(
    `\n${results.summary.filter((s) => s.met === 'met').length} met, ${results.summary.filter((s) => s.met === 'missed').length} missed; whole suite ${fmtMs(total)}; load average now ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  results.totalMs = total;
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(results, null, 2)}\n`);
}

await main();
