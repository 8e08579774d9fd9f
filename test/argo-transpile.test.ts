// The Argo transpiler: golden manifests for each shape, every manifest valid against Argo's schema (two versions)
// and our Argo-semantics lint, deterministic output, names within Argo's limits, indices instead of items,
// loops as bounded recursion, runnable's configuration keys, and the CLI's `transpile` writing the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InvalidInputError } from '../src/errors.js';
import { lintManifest } from '../src/executors/argo/lint.js';
import { workflowSpecOf, type ArgoTemplate, type WorkflowManifest } from '../src/executors/argo/workflow-types.js';
import { baseArgoConfig, manifestProblems, transpile } from './helpers/argo.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';

const GOLDEN: Record<string, string> = {
  linear: 'examples/02-sequential/traversal.yaml',
  parallel: 'examples/05-parallel/parallel.yaml',
  map: 'examples/06-map/map.yaml',
  conditional: 'examples/07-conditional/conditional.yaml',
  loop: 'examples/08-loop/loop.yaml',
  on_failure: 'examples/02-sequential/on_failure.yaml',
  nested: 'test/fixtures/argo/nested.yaml',
};

const templatesOf = (m: WorkflowManifest) => new Map(workflowSpecOf(m).templates.map((t) => [t.name, t]));
const tasksOf = (t: ArgoTemplate | undefined) => t?.dag?.tasks ?? [];

describe('argo transpiler: golden manifests', () => {
  for (const [name, pipeline] of Object.entries(GOLDEN)) {
    it(`${name}: matches test/golden/argo/${name}.yaml and is valid Argo`, async () => {
      const { manifest, yaml } = transpile({ pipeline });
      expect(manifestProblems(manifest)).toEqual([]);
      await expect(yaml).toMatchFileSnapshot(`golden/argo/${name}.yaml`);
    });
  }
});

describe('argo transpiler: properties', () => {
  it('is deterministic: the same input gives byte-identical YAML', () => {
    const a = transpile({ pipeline: GOLDEN.nested }).yaml;
    const b = transpile({ pipeline: GOLDEN.nested }).yaml;
    expect(a).toBe(b);
  });

  it('names are lowercase DNS-1123 and short, also for step names with capitals, spaces and digits first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-names-'));
    const file = path.join(dir, 'p.yaml');
    const long = 'A Very Long Step Name With Capitals And_Underscores and more words that go on and on';
    fs.writeFileSync(
      file,
      `dag:\n  start_at: "1st Step"\n  steps:\n    "1st Step": {type: stub, next: "${long}"}\n    "${long}": {type: stub, next: success}\n`,
    );
    const { manifest } = transpile({ pipeline: path.relative(REPO_ROOT, file) });
    expect(manifestProblems(manifest)).toEqual([]);
    for (const t of workflowSpecOf(manifest).templates) {
      expect(t.name).toMatch(/^[a-z][-a-z0-9]*[a-z0-9]$/);
      expect(t.name.length).toBeLessThanOrEqual(40);
      for (const task of tasksOf(t)) {
        expect(task.name).toMatch(/^[a-z][-a-z0-9]*$/);
        expect(task.name.length).toBeLessThanOrEqual(40);
      }
    }
  });

  it('a map passes indices, never items; its fan-out output has a default', () => {
    const { manifest } = transpile({ pipeline: GOLDEN.map, parameters: { numbers: { kind: 'json', value: [1, 2, 3] } } });
    const ts = templatesOf(manifest);
    const items = [...ts.values()].flatMap(tasksOf).find((t) => t.withParam);
    expect(items?.withParam).toBe('{{tasks.fan-out.outputs.parameters.iterate-on}}');
    expect(items?.arguments?.parameters).toContainEqual({ name: 'ix0', value: '{{item}}' });
    const fan = ts.get('runnable-fan');
    expect(fan?.outputs?.parameters.every((p) => p.valueFrom?.default !== undefined && p.valueFrom.path.startsWith('/mnt/out/'))).toBe(
      true,
    );
    // the list is not an argument (not a scalar) and appears nowhere in the manifest
    expect(workflowSpecOf(manifest).arguments.parameters.map((p) => p.name)).not.toContain('numbers');
  });

  it('parameters never travel as Argo parameters: a 5 MB parameter leaves the manifest small', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const { yaml } = transpile({
      pipeline: GOLDEN.map,
      parameters: { blob: { kind: 'json', value: { big } }, numbers: { kind: 'json', value: [1] } },
    });
    expect(yaml.length).toBeLessThan(30_000);
  });

  it('a loop is a recursive iteration template, bounded by max_iterations through the run log', () => {
    const { manifest } = transpile({ pipeline: GOLDEN.loop });
    const iteration = workflowSpecOf(manifest).templates.find((t) => t.name.startsWith('count-iteration-'));
    const names = tasksOf(iteration).map((t) => t.name);
    expect(names).toEqual(['body', 'next', 'again']);
    const again = tasksOf(iteration).find((t) => t.name === 'again');
    expect(again?.template).toBe(iteration?.name);
    expect(again?.when).toBe('{{tasks.next.outputs.parameters.continue}} == true');
  });

  it('refuses a loop deeper than Argo allows, with the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-loop-'));
    const file = path.join(dir, 'p.yaml');
    fs.writeFileSync(
      file,
      'dag:\n  start_at: l\n  steps:\n    l:\n      type: loop\n      max_iterations: 500\n      break_on: d\n      index_as: i\n      next: success\n      branch:\n        start_at: s\n        steps:\n          s: {type: stub, next: success}\n',
    );
    let err: unknown;
    try {
      transpile({ pipeline: path.relative(REPO_ROOT, file) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).issues[0].fix).toMatch(/max_iterations 45 or less/);
  });

  it('routes failures: on_failure after .Failed, the fail step after any unhandled failure', () => {
    const { manifest } = transpile({ pipeline: GOLDEN.on_failure });
    const root = templatesOf(manifest).get('runnable-dag');
    const byStep = new Map(tasksOf(root).map((t) => [t.arguments?.parameters?.find((p) => p.name === 'step')?.value ?? t.name, t]));
    const risky = byStep.get('risky')!;
    expect(byStep.get('recover')?.depends).toBe(`${risky.name}.Failed`);
    expect(byStep.get('fail')?.depends).toBe(`${byStep.get('recover')!.name}.Failed`);
    expect(byStep.get('success')?.depends).toBe(`${risky.name}.Succeeded || ${byStep.get('recover')!.name}.Succeeded`);
  });

  it('max_attempts becomes a retryStrategy and each pod runs one attempt', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-retry-'));
    const file = path.join(dir, 'p.yaml');
    fs.writeFileSync(
      file,
      'dag:\n  start_at: t\n  steps:\n    t: {type: task, command_type: shell, command: "exit 1", max_attempts: 3, next: success}\n',
    );
    const { manifest } = transpile({ pipeline: path.relative(REPO_ROOT, file) });
    expect(manifestProblems(manifest)).toEqual([]);
    const step = workflowSpecOf(manifest).templates.find((t) => t.retryStrategy);
    expect(step?.retryStrategy).toEqual({ limit: '2', retryPolicy: 'Always', backoff: { duration: '2m', factor: '2', maxDuration: '1h' } });
    expect((step?.container?.args as string[]).includes('--one-attempt')).toBe(true);
  });

  it('applies every configuration key of runnable: defaults, overrides, volumes, secrets, metadata, spec, log level', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-keys-'));
    const file = path.join(dir, 'p.yaml');
    fs.writeFileSync(
      file,
      'dag:\n  start_at: train\n  steps:\n    train: {type: task, command_type: shell, command: "true", secrets: [API_KEY], overrides: {argo: gpu}, next: success}\n',
    );
    const { manifest } = transpile({
      pipeline: path.relative(REPO_ROOT, file),
      parameters: { lr: { kind: 'json', value: 0.1 }, name: { kind: 'json', value: 'x' }, numeric_text: { kind: 'json', value: '12' } },
      config: baseArgoConfig({
        defaults: {
          image: 'img:1',
          image_pull_policy: 'IfNotPresent',
          node_selector: { pool: 'cpu' },
          tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', toleration_seconds: 5 }],
          timeout: '1h',
          parallelism: 4,
          env: [
            { name: 'MODE', value: 1 },
            { environment_variable: 'TOKEN', secret_name: 'tok', secret_key: 'value' },
          ],
        },
        overrides: { gpu: { image: 'img:gpu', resources: { limits: { gpu: 1, memory: '8Gi' } }, node_selector: { pool: 'gpu' } } },
        argoWorkflow: {
          metadata: { generateName: 'train-', namespace: 'ml', labels: { team: 'a' }, annotations: { note: 'b' } },
          spec: { serviceAccountName: 'runner', podGC: { strategy: 'OnWorkflowSuccess' } },
        },
        custom_volumes: [{ mount_path: '/data', persistent_volume_claim: { claim_name: 'data', read_only: true } }],
        secret_from_k8s: 'app-secrets',
        log_level: 'DEBUG',
        expose_parameters_as_inputs: true,
      }),
    });
    expect(manifestProblems(manifest)).toEqual([]);
    const spec = workflowSpecOf(manifest);
    expect(manifest.metadata).toEqual({ generateName: 'train-', namespace: 'ml', labels: { team: 'a' }, annotations: { note: 'b' } });
    expect(spec.serviceAccountName).toBe('runner');
    expect(spec.podGC).toEqual({ strategy: 'OnWorkflowSuccess' });
    expect(spec.parallelism).toBe(4);
    expect(spec.arguments.parameters).toEqual([
      { name: 'lr', value: '0.1' },
      { name: 'name', value: 'x' },
      { name: 'numeric_text', value: '"12"' },
      { name: 'run_id' },
      { name: 'log_level', value: 'DEBUG' },
    ]);
    expect(spec.volumes).toContainEqual({ name: 'custom-volume-0', persistentVolumeClaim: { claimName: 'data', readOnly: true } });
    const root = spec.templates.find((t) => t.name === 'runnable-dag')!;
    const trainTask = tasksOf(root).find((t) => t.arguments?.parameters?.[0].value === 'train')!;
    const train = spec.templates.find((t) => t.name === trainTask.template)!;
    const c = train.container as Record<string, any>;
    expect(c.image).toBe('img:gpu');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.resources).toEqual({ limits: { memory: '8Gi', 'nvidia.com/gpu': '1' } });
    expect(train.nodeSelector).toEqual({ pool: 'gpu' });
    expect(train.tolerations).toEqual([{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]);
    expect(train.timeout).toBe('1h');
    expect(c.env).toContainEqual({ name: 'MODE', value: '1' });
    expect(c.env).toContainEqual({ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'tok', key: 'value' } } });
    expect(c.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'app-secrets', key: 'API_KEY' } } });
    expect(c.volumeMounts).toContainEqual({ name: 'custom-volume-0', mountPath: '/data', readOnly: true });
    const start = spec.templates.find((t) => t.name === 'runnable-start')!;
    expect((start.container as any).env).toContainEqual({ name: 'RUNNABLE_PRM_lr', value: '{{workflow.parameters.lr}}' });
  });

  it('accepts runnable camelCase spellings and rejects unknown keys', () => {
    const ok = transpile({
      config: { defaults: { image: 'i' }, argoWorkflow: { metadata: { generateName: 'x-' } }, pvcForRunnable: 'p', outputFile: 'o.yaml' },
      pipeline: GOLDEN.linear,
    });
    expect(ok.config.pvc_for_runnable).toBe('p');
    expect(ok.config.output_file).toBe('o.yaml');
    expect(() => transpile({ config: { ...baseArgoConfig(), pvc: 'x' }, pipeline: GOLDEN.linear })).toThrow(/pvc/);
  });

  it('cron_schedule gives a valid CronWorkflow whose runs take the workflow name as run id', () => {
    const { manifest } = transpile({
      pipeline: GOLDEN.linear,
      config: baseArgoConfig({ cron_schedule: { schedules: ['0 3 * * *'], timezone: 'UTC' } }),
    });
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.kind).toBe('CronWorkflow');
    expect(manifest.metadata.name).toBe('demo');
    expect(JSON.stringify(manifest)).toContain('{{workflow.name}}');
    expect(JSON.stringify(manifest)).not.toContain('workflow.parameters.run_id');
  });

  it('refuses a generateName Kubernetes would refuse, and spec keys it owns', () => {
    expect(() =>
      transpile({ pipeline: GOLDEN.linear, config: baseArgoConfig({ argoWorkflow: { metadata: { generateName: 'Bad_Name-' } } }) }),
    ).toThrow(/lowercase/);
    expect(() =>
      transpile({
        pipeline: GOLDEN.linear,
        config: baseArgoConfig({ argoWorkflow: { metadata: { generateName: 'a-' }, spec: { entrypoint: 'x' } } }),
      }),
    ).toThrow(/entrypoint is written by runnable/);
  });

  it('the lint finds what Argo refuses and the schema does not', () => {
    const { manifest } = transpile({ pipeline: GOLDEN.parallel });
    const broken = structuredClone(manifest);
    const spec = workflowSpecOf(broken);
    const dag = spec.templates.find((t) => t.dag)!;
    dag.dag!.tasks.push({ name: '9lives', template: 'nowhere', depends: 'ghost.Succeeded', withParam: '[]', withItems: [] } as never);
    dag.dag!.tasks.push({ ...dag.dag!.tasks[0] });
    spec.templates.push({ name: 'Upper', container: {} });
    const problems = lintManifest(broken).join('\n');
    expect(problems).toMatch(/may not begin with a digit/);
    expect(problems).toMatch(/template "nowhere", which does not exist/);
    expect(problems).toMatch(/depends on "ghost"/);
    expect(problems).toMatch(/withItems and withParam/);
    expect(problems).toMatch(/is defined twice/);
    expect(problems).toMatch(/has capitals/);
  });

  it('the schema check catches a misspelt field', () => {
    const { manifest } = transpile({ pipeline: GOLDEN.linear });
    const broken = structuredClone(manifest);
    (workflowSpecOf(broken).templates[0] as unknown as Record<string, unknown>).contaner = {};
    expect(manifestProblems(broken).join('\n')).toMatch(/additional/);
  });
});

describe('runnable transpile (CLI)', () => {
  it('writes output_file, prints its size, and the file is the same on a second run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-cli-'));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'argo.yaml'),
      'pipeline-executor:\n  type: argo\n  config:\n    pvc_for_runnable: runnable\n    output_file: out/wf.yaml\n    defaults: {image: "img:1"}\n    argoWorkflow: {metadata: {generateName: demo-}}\nrun-log-store: {type: chunked-fs}\n',
    );
    const args = ['transpile', 'examples/06-map/map.yaml', '-c', 'argo.yaml', '-p', 'examples/06-map/params.yaml'];
    const r1 = await runCli(args, { cwd: dir });
    expect(r1.code, r1.output).toBe(0);
    expect(r1.stdout).toMatch(/argo: Workflow with \d+ templates, [\d.]+ KiB \(limit 1024 KiB\)/);
    expect(r1.stdout).toMatch(/wrote out\/wf.yaml/);
    const first = fs.readFileSync(path.join(dir, 'out/wf.yaml'), 'utf8');
    const m = parse(first) as WorkflowManifest;
    expect(manifestProblems(m)).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.run_log_store'))).toBe(false);
    const r2 = await runCli(args, { cwd: dir });
    expect(r2.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out/wf.yaml'), 'utf8')).toBe(first);
  });

  it('refuses an in-memory store and a one-file store under parallel steps, with the fix (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-cli-'));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const cfg = (store: string) =>
      `pipeline-executor:\n  type: argo\n  config:\n    defaults: {image: "img:1"}\n    argoWorkflow: {metadata: {generateName: demo-}}\nrun-log-store: {type: ${store}}\n`;
    fs.writeFileSync(path.join(dir, 'mem.yaml'), cfg('buffered'));
    fs.writeFileSync(path.join(dir, 'fs.yaml'), cfg('file-system'));
    const a = await runCli(['transpile', 'examples/02-sequential/traversal.yaml', '-c', 'mem.yaml'], { cwd: dir });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/chunked-fs/);
    const b = await runCli(['transpile', 'examples/05-parallel/parallel.yaml', '-c', 'fs.yaml'], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/overwrite/);
    const c = await runCli(['transpile', 'examples/02-sequential/traversal.yaml', '-c', 'fs.yaml'], { cwd: dir });
    expect(c.code, c.output).toBe(0);
  });

  it('refuses a manifest over 1 MiB before writing it, and writes one just under', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-cli-'));
    // every step its own override: one container template each, about 1.3 KiB apiece
    const chain = (n: number) => {
      const steps = Array.from({ length: n }, (_, i) =>
        [
          `    s${i}:`,
          '      type: task',
          '      command_type: shell',
          '      command: echo step',
          `      overrides: {argo: o${i}}`,
          `      next: ${i + 1 < n ? `s${i + 1}` : 'success'}`,
        ].join('\n'),
      );
      return ['dag:', '  start_at: s0', '  steps:', ...steps, '    success: {type: success}', '    fail: {type: fail}', ''].join('\n');
    };
    const config = (n: number) =>
      [
        'pipeline-executor:',
        '  type: argo',
        '  config:',
        '    output_file: wf.yaml',
        '    defaults: {image: "img:1"}',
        '    argoWorkflow: {metadata: {generateName: big-}}',
        '    overrides:',
        ...Array.from({ length: n }, (_, i) => `      o${i}: {resources: {requests: {memory: ${100 + i}Mi}}}`),
        'run-log-store: {type: chunked-fs}',
        '',
      ].join('\n');
    for (const n of [1000, 500]) {
      fs.writeFileSync(path.join(dir, `p${n}.yaml`), chain(n));
      fs.writeFileSync(path.join(dir, `c${n}.yaml`), config(n));
    }
    const big = await runCli(['transpile', 'p1000.yaml', '-c', 'c1000.yaml'], { cwd: dir });
    expect(big.code, big.output).toBe(2);
    expect(big.stderr).toMatch(/the Workflow for wf\.yaml would be \d+ KiB, over Argo's object limit of 1024 KiB \(1\d{3} templates\)/);
    expect(big.stderr).toContain('share override names');
    expect(fs.existsSync(path.join(dir, 'wf.yaml'))).toBe(false);
    const fits = await runCli(['transpile', 'p500.yaml', '-c', 'c500.yaml'], { cwd: dir });
    expect(fits.code, fits.output).toBe(0);
    expect(fs.statSync(path.join(dir, 'wf.yaml')).size).toBeLessThan(1024 * 1024);
  });
});
