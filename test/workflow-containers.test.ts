// Job `container:` and `services:` in the workflow harness, on the real Docker engine: a job's steps (`run:` and
// JavaScript actions) run inside its container, services answer under their label, missing images fail the job
// naming them, and nothing is left running. Then the github executor's `container:`/`services:` keys: a
// generated workflow whose jobs run the pipeline's steps inside the configured image, and end with the same run
// log. Needs the test images (scripts/ci/build-test-images.sh); RUNNABLE_TEST_NO_DOCKER=1 skips it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactService, type ArtifactService } from './harness/artifact-service.js';
import { runWorkflow, type WorkflowRunResult } from './harness/workflow/index.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';

const skip = process.env.RUNNABLE_TEST_NO_DOCKER === '1';
const IMAGE = 'runnable-test/node-python:1';
const SERVICE_IMAGE = 'runnable-test/http-service:1';
const PORT = 18765;

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const explain = (r: WorkflowRunResult) =>
  Object.entries(r.jobs)
    .map(([id, j]) => `${id}: ${j.conclusion}\n${j.log.slice(-4000)}`)
    .join('\n---\n');
/** Containers the harness started for a run and did not remove. */
const leftovers = (runId: string) => docker('ps', '-aq', '--filter', `label=runnable-workflow-harness=${runId}`);

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-containers-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

const WORKFLOW = `
name: containers
on: workflow_dispatch
jobs:
  inside:
    runs-on: ubuntu-latest
    container:
      image: ${IMAGE}
      env: {FROM_CONTAINER: set-by-container}
    services:
      web: {image: ${SERVICE_IMAGE}}
    outputs:
      shell: \${{ steps.probe.outputs.shell }}
      dockerenv: \${{ steps.probe.outputs.dockerenv }}
      status: \${{ steps.web.outputs.status }}
      action: \${{ steps.act.outputs.inside }}
    steps:
      - uses: actions/checkout@v4
      - id: probe
        env: {STEP_VALUE: "two\\nlines"}
        run: |
          test -f /.dockerenv && echo "dockerenv=yes" >> "$GITHUB_OUTPUT"
          echo "shell=$(basename "$(ls -l /proc/$$/exe | sed "s/.* -> //")")" >> "$GITHUB_OUTPUT"
          test "$FROM_CONTAINER" = set-by-container
          test "$(printf '%s' "$STEP_VALUE" | wc -l)" = 1
          test -f data.txt
      - id: web
        run: |
          python3 - <<'EOF' >> "$GITHUB_OUTPUT"
          import time, urllib.request
          for _ in range(100):
              try:
                  print("status=%d" % urllib.request.urlopen("http://web:${PORT}/").status)
                  break
              except OSError:
                  time.sleep(0.1)
          EOF
      - id: act
        uses: ./act
`;

const ACTION_YML = 'name: probe\nruns: {using: node24, main: index.mjs}\n';
const ACTION_JS = `import fs from 'node:fs';
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'inside=' + (fs.existsSync('/.dockerenv') ? 'yes' : 'no') + '\\n');
`;

describe.skipIf(skip)('workflow harness: job container and services (real engine)', () => {
  beforeAll(() => {
    // a service image: the node-python test image serving HTTP on loopback (the host network) by default
    const base = docker('create', IMAGE, 'true');
    try {
      docker('commit', '--change', `CMD ["python3", "-m", "http.server", "${PORT}", "--bind", "127.0.0.1"]`, base, SERVICE_IMAGE);
    } finally {
      docker('rm', base);
    }
  });

  it('runs run: steps and JavaScript actions inside the job container, with services under their label', async () => {
    const dir = repo({
      '.github/workflows/c.yml': WORKFLOW,
      'data.txt': 'checked out\n',
      'act/action.yml': ACTION_YML,
      'act/index.mjs': ACTION_JS,
    });
    const r = await runWorkflow({ file: '.github/workflows/c.yml', repoDir: dir, event: 'workflow_dispatch', runId: 7001 });
    expect(r.conclusion, explain(r)).toBe('success');
    // dash, not the host's bash: the image has no bash, so `run:` defaults to sh as on GitHub
    expect(r.jobs.inside.outputs).toEqual({ shell: 'dash', dockerenv: 'yes', status: '200', action: 'yes' });
    expect(leftovers('7001')).toBe('');
  }, 120_000);

  it('fails a job whose image is not on the engine, naming it, and starts none of its steps', async () => {
    const dir = repo({
      '.github/workflows/c.yml': WORKFLOW.replace(`image: ${IMAGE}`, 'image: runnable-test/absent:1'),
      'data.txt': '',
      'act/action.yml': ACTION_YML,
      'act/index.mjs': ACTION_JS,
    });
    const r = await runWorkflow({ file: '.github/workflows/c.yml', repoDir: dir, event: 'workflow_dispatch', runId: 7002 });
    expect(r.jobs.inside.conclusion).toBe('failure');
    expect(r.jobs.inside.log).toContain("container: image 'runnable-test/absent:1' is not on the local Docker engine");
    expect(r.jobs.inside.instances[0].steps.filter((s) => s.id === 'probe')).toEqual([]);
    // the service container it had started is gone too
    expect(leftovers('7002')).toBe('');
  }, 120_000);
});

describe.skipIf(skip)('github executor: container: and services: run (real engine)', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(async () => service?.close());

  it('runs every job of the generated workflow inside the configured image, and the run log ends SUCCESS', async () => {
    const pipeline = {
      dag: {
        start_at: 'where',
        steps: {
          where: {
            type: 'task',
            command_type: 'shell',
            command: 'if test -f /.dockerenv; then export place=container; else export place=host; fi',
            returns: ['place'],
            next: 'use',
          },
          use: { type: 'task', command_type: 'shell', command: 'test "$place" = container && test -f /.dockerenv', next: 'success' },
          success: { type: 'success' },
          fail: { type: 'fail' },
        },
      },
    };
    const config = { 'pipeline-executor': { type: 'github', config: { container: IMAGE, output_file: '.github/workflows/p.yml' } } };
    const dir = repo({ 'pipeline.yaml': YAML.stringify(pipeline), 'github.yaml': YAML.stringify(config) });
    fs.copyFileSync(path.join(REPO_ROOT, 'action.yml'), path.join(dir, 'action.yml'));
    const t = await runCli(['transpile', 'pipeline.yaml', '-c', 'github.yaml'], { cwd: dir });
    expect(t.code, t.output).toBe(0);
    expect(YAML.parse(fs.readFileSync(path.join(dir, '.github/workflows/p.yml'), 'utf8')).jobs.where.container).toBe(IMAGE);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-containers-run-'));
    const r = await runWorkflow({
      file: '.github/workflows/p.yml',
      repoDir: dir,
      event: 'workflow_dispatch',
      inputs: { run_id: 'in-containers' },
      artifactService: service,
      runId: 7003,
      workDir,
    });
    expect(r.conclusion, explain(r)).toBe('success');
    const finish = r.jobs['runnable-finish'].instances[0].workspace;
    const store = path.join(finish, '.run_log_store');
    // the finish job assembles the run log in the layout of the configured store (file-system by default)
    const file = [path.join(store, 'in-containers.json'), path.join(store, 'in-containers', 'RunLog.json')].find((f) => fs.existsSync(f));
    expect(file, fs.existsSync(store) ? fs.readdirSync(store, { recursive: true }).join(', ') : 'no run-log folder').toBeDefined();
    const log = JSON.parse(fs.readFileSync(file!, 'utf8'));
    expect(log.status).toBe('SUCCESS');
    expect(log.parameters.place.value).toBe('container');
    expect(leftovers('7003')).toBe('');
    fs.rmSync(workDir, { recursive: true, force: true });
  }, 300_000);
});
