// `npm audit --omit=dev` in .ci/run (issue 12): scripts/ci/npm-audit.mjs fails on a high or critical advisory,
// passes a clean or merely moderate report, and says "skipped: registry answered N" when the registry cannot
// answer audits (the 405 some mirrors give). Recorded answers of `npm audit --json` are fed to it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { workspace } from '../helpers/workspace.js';

function audit(report: unknown) {
  const ws = workspace({ 'report.json': typeof report === 'string' ? report : JSON.stringify(report) });
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/ci/npm-audit.mjs'), path.join(ws.dir, 'report.json')], {
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const meta = (v: Record<string, number>) => ({
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...v } },
});

describe('npm audit in CI', () => {
  it('a high or critical advisory fails the run, naming the package and the advisory', () => {
    const r = audit({
      auditReportVersion: 2,
      vulnerabilities: {
        yaml: {
          name: 'yaml',
          severity: 'high',
          range: '<2.2.2',
          via: [{ title: 'Uncontrolled resource consumption', url: 'https://github.com/advisories/GHSA-x' }],
          fixAvailable: true,
        },
      },
      ...meta({ high: 1 }),
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('high: yaml <2.2.2 — Uncontrolled resource consumption (https://github.com/advisories/GHSA-x)');
    expect(r.out).toContain('fix: npm audit fix');
  });

  it('a clean or moderate-only report passes, with the counts', () => {
    const clean = audit({ auditReportVersion: 2, vulnerabilities: {}, ...meta({}) });
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('0 critical, 0 high, 0 moderate, 0 low: no high or critical advisory');
    const moderate = audit({
      auditReportVersion: 2,
      vulnerabilities: { a: { name: 'a', severity: 'moderate', via: [] } },
      ...meta({ moderate: 1 }),
    });
    expect(moderate.code).toBe(0);
  });

  it('a registry that cannot answer is a visible skip, not a pass in silence nor a failure', () => {
    const r = audit({
      error: {
        code: 'E405',
        summary: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
        detail: '',
      },
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('npm audit: skipped: registry answered 405');
    const offline = audit({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed', detail: '' } });
    expect(offline.code).toBe(0);
    expect(offline.out).toContain('skipped: ENOTFOUND');
    expect(audit('npm ERR! something').out).toContain('skipped: no JSON answer');
  });

  it('.ci/run runs it after npm ci', () => {
    const ci = fs.readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8');
    expect(ci.indexOf('node scripts/ci/npm-audit.mjs')).toBeGreaterThan(ci.indexOf('npm ci --no-audit'));
  });
});
