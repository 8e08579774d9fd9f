#!/usr/bin/env node
// `npm audit --omit=dev` for .ci/run: fails (exit 1) on a high or critical advisory of a runtime dependency and
// lists them; when the registry cannot answer audits (some mirrors answer 405, an offline machine cannot connect)
// it prints a visible "skipped: registry answered N" (or "skipped: ...") and exits 0, because the audit is then not
// possible rather than failed. `node scripts/ci/npm-audit.mjs REPORT.json` reads a saved `npm audit --json`
// instead of running npm (the tests feed it recorded answers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const BLOCKING = ['high', 'critical'];

function audit() {
  if (process.argv[2]) return fs.readFileSync(process.argv[2], 'utf8');
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    console.log(`npm audit: skipped: npm could not be run (${r.error.message})`);
    process.exit(0);
  }
  return r.stdout;
}

/** The HTTP status or error code of a failed audit, from npm's JSON error ({error: {code: "E405", summary}}). */
function failure(report) {
  const e = report.error;
  if (!e) return undefined;
  const status = /^E(\d{3})$/.exec(e.code ?? '')?.[1] ?? /\b([45]\d\d)\b/.exec(e.summary ?? '')?.[1];
  return status ? `registry answered ${status}` : `${e.code ?? 'error'}: ${(e.summary ?? '').split('\n')[0]}`;
}

const text = audit();
let report;
try {
  report = JSON.parse(text);
} catch {
  console.log(`npm audit: skipped: no JSON answer (${text.trim().split('\n')[0] || 'empty output'})`);
  process.exit(0);
}
const failed = failure(report);
if (failed) {
  console.log(`npm audit: skipped: ${failed}`);
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const blocking = Object.values(report.vulnerabilities ?? {}).filter((v) => BLOCKING.includes(v.severity));
const summary = ['critical', 'high', 'moderate', 'low'].map((s) => `${counts[s] ?? 0} ${s}`).join(', ');
if (!blocking.length) {
  console.log(`npm audit --omit=dev: ${summary}: no high or critical advisory`);
  process.exit(0);
}
console.log(`npm audit --omit=dev: ${summary}`);
for (const v of blocking) {
  const titles = (v.via ?? []).filter((x) => typeof x === 'object').map((x) => `${x.title} (${x.url})`);
  console.log(`  ${v.severity}: ${v.name} ${v.range ?? ''}${titles.length ? ` — ${titles.join('; ')}` : ''}`);
  if (v.fixAvailable)
    console.log(`    fix: npm audit fix${typeof v.fixAvailable === 'object' && v.fixAvailable.isSemVerMajor ? ' --force' : ''}`);
}
process.exit(1);
