// The `github-artifacts` catalog and the run-log artifacts of the action, against the loopback fake of GitHub's
// artifact service (test/harness/artifact-service.ts) and the real @actions/artifact client: a second job finds
// what a first one stored, two jobs running the same steps never collide on a name, a failed run's log and
// catalog are resumed by a later workflow run, and without the service the inputs are refused with a fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactService, type ArtifactService } from './harness/artifact-service.js';
import { runActionIn } from './helpers/action.js';
import { dedent, workspace } from './helpers/workspace.js';

let service: ArtifactService;
const savedApiUrl = process.env.GITHUB_API_URL;

beforeAll(async () => {
  service = await startArtifactService();
  // read by @actions/github when the action module is first imported
  process.env.GITHUB_API_URL = service.env().GITHUB_API_URL;
});
afterAll(async () => {
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = savedApiUrl;
  await service.close();
});

const producer = dedent(`
  dag:
    start_at: produce
    steps:
      produce:
        type: task
        command_type: shell
        command: mkdir -p data && echo "made in job $JOB" > data/out.txt
        catalog:
          put: [data/out.txt]
        next: success
`);
const consumer = dedent(`
  dag:
    start_at: consume
    steps:
      consume:
        type: task
        command_type: shell
        command: cat data/out.txt
        catalog:
          get: [data/out.txt]
        next: success
`);

/** The env of one job of workflow run `run` (its GitHub job number `job`). */
const job = (run: string, jobId: string, extra: Record<string, string> = {}) => ({
  ...service.env(run, jobId),
  GITHUB_REPOSITORY: 'octo/repo',
  GITHUB_SERVER_URL: undefined,
  ...extra,
});

describe('the github-artifacts catalog (action, fake artifact service)', () => {
  it('lets a later job get what an earlier job put, under a name per run, step and attempt', async () => {
    const first = workspace({ 'pipeline.yaml': producer });
    const a = await runActionIn(
      first.dir,
      { pipeline: 'pipeline.yaml', 'run-id': 'shared', catalog: 'github-artifacts' },
      job('11', '1', { JOB: 'A' }),
    );
    expect(a.code, a.stdout).toBe(0);
    const names = service
      .artifacts()
      .filter((x) => x.runBackendId === '11')
      .map((x) => x.name);
    expect(names).toEqual([expect.stringMatching(/^runnable\+shared\+catalog\+produce\+1-[0-9a-f]{8}$/)]);

    const second = workspace({ 'pipeline.yaml': consumer });
    const b = await runActionIn(second.dir, { pipeline: 'pipeline.yaml', 'run-id': 'shared', catalog: 'github-artifacts' }, job('11', '2'));
    expect(b.code, b.stdout).toBe(0);
    expect(b.stdout).toContain('made in job A');
    expect(second.runLog('shared').run_config.catalog).toMatchObject({ service_name: 'github-artifacts' });
  });

  it('fails the step (not the run machinery) when another job stored nothing', async () => {
    const alone = workspace({ 'pipeline.yaml': consumer });
    const r = await runActionIn(alone.dir, { pipeline: 'pipeline.yaml', 'run-id': 'lonely', catalog: 'github-artifacts' }, job('12', '1'));
    expect(r.code).toBe(1);
    expect(alone.runLog('lonely').status).toBe('FAIL');
  });

  it('never collides when two jobs of one workflow run store the same step under the same run id', async () => {
    // one after the other: the in-process action owns the process's cwd and env while it runs
    const results = [];
    for (const jobId of ['1', '2']) {
      const ws = workspace({ 'pipeline.yaml': producer });
      results.push(
        await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', 'run-id': 'twin', catalog: 'github-artifacts' }, job('13', jobId)),
      );
    }
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const names = service
      .artifacts()
      .filter((x) => x.runBackendId === '13')
      .map((x) => x.name);
    expect(new Set(names).size).toBe(2);
  });

  it('resumes a failed run in a later workflow run from its uploaded run log and catalog (retry-run-id)', async () => {
    const pipeline = dedent(`
      dag:
        start_at: produce
        steps:
          produce:
            type: task
            command_type: shell
            command: mkdir -p data && echo "from the first workflow run" > data/out.txt
            catalog:
              put: [data/out.txt]
            next: check
          check:
            type: task
            command_type: shell
            command: test -n "$FIXED" && cat data/out.txt
            catalog:
              get: [data/out.txt]
            next: success
    `);
    const first = workspace({ 'pipeline.yaml': pipeline });
    const failed = await runActionIn(
      first.dir,
      { pipeline: 'pipeline.yaml', 'run-id': 'resumable', catalog: 'github-artifacts', 'upload-run-log': 'true' },
      job('21', '1'),
    );
    expect(failed.code).toBe(1);
    expect(failed.outputs['run-log-artifact']).toMatch(/^runnable\+resumable\+run-log\+1-/);

    const later = workspace({ 'pipeline.yaml': pipeline });
    const resumed = await runActionIn(
      later.dir,
      {
        pipeline: 'pipeline.yaml',
        'retry-run-id': 'resumable',
        'retry-workflow-run-id': '21',
        'github-token': 'test-token',
        catalog: 'github-artifacts',
      },
      job('22', '1', { FIXED: '1' }),
    );
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(resumed.stdout).toContain('from the first workflow run');
    const log = later.runLog('resumable');
    expect(log.status).toBe('SUCCESS');
    expect(log.run_config.is_retry).toBe(true);
    // the produce step succeeded in the first workflow run: it is not run again
    expect(log.steps.produce.attempts).toHaveLength(1);
    expect(log.steps.check.status).toBe('SUCCESS');
  });

  it('refuses the artifact inputs outside a job that has the artifact service, naming each input', async () => {
    const ws = workspace({ 'pipeline.yaml': producer });
    const r = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', catalog: 'github-artifacts', 'upload-run-log': 'true' }, {});
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/input "catalog": it needs GitHub's artifact service/);
    expect(r.stdout).toMatch(/input "upload-run-log": it needs GitHub's artifact service/);
    expect(ws.exists('.run_log_store')).toBe(false);
  });
});
