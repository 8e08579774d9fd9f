// runnable's `local-container` executor: traversal, composites and terminal nodes stay on the host; every task
// and stub runs in its own Docker container as `runnable execute-single-node ...`, the command Argo pods run.
// Unlike runnable, the image does not need runnable: our CLI bundle is mounted read-only into the container, so
// node (and python3 for python tasks) is all the image must have. The project is mounted too (mount_code), at the
// same path by default, so paths mean the same inside and out. See container/container-layout.ts for the mounts.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SERVICES, loadConfig, templateVariables } from '../config/config-file.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import { InfrastructureError, InvalidInputError, type InputIssue } from '../errors.js';
import { isLeaf, type LeafNode } from '../pipeline/model.js';
import { walkNodes } from '../pipeline/walk.js';
import { findStep, type StepLog } from '../services/run-log/model.js';
import { LineSplitter } from '../util/line-splitter.js';
import { cliScript } from './cli-entry.js';
import { CLI_MOUNT, LayoutBuilder, type ContainerLayout } from './container/container-layout.js';
import {
  effectiveSettings,
  localContainerConfigSchema,
  type ContainerSettings,
  type LocalContainerConfig,
} from './container/container-settings.js';
import type { DockerClient } from './container/docker-client.js';
import { checkImages, type ImageUse } from './container/image-check.js';
import type { NodeExecutor } from '../engine/executor.js';
import { parallelism } from './local-executor.js';
import { overrideKeyIssues } from './override-keys.js';
import { runLeafOutOfProcess, singleNodeArgs, stepSecrets, type OutOfProcessResult } from './out-of-process-leaf.js';

export { localContainerConfigSchema };

/** The name nodes select their override with: `overrides: {local-container: KEY}`. */
const SERVICE_NAME = 'local-container';
/** Labels on every container: find a run's containers with `docker ps -a --filter label=runnable.run-id=ID`. */
export const LABELS = {
  runId: 'runnable.run-id',
  step: 'runnable.step',
  executor: 'runnable.executor',
  autoRemove: 'runnable.auto-remove',
} as const;

// dockerode loads only when a run uses containers (the CLI bundle splits it into its own chunk)
type DockerModule = typeof import('./container/docker-client.js');

const shortId = (id: string) => id.slice(0, 12);

export class LocalContainerExecutor implements NodeExecutor {
  readonly type = 'local-container';
  readonly leavesRunElsewhere = true;
  maxConcurrency = 1;
  private docker?: DockerModule;
  private client?: DockerClient;
  private layouts?: LayoutBuilder;
  private readonly layoutCache = new Map<string, ContainerLayout>();
  /** Effective settings by definition-time internal name of the leaf. */
  private readonly settings = new Map<string, ContainerSettings>();
  private readonly digests = new Map<string, string>();
  /** Containers started and not yet finished: id -> step. */
  private readonly running = new Map<string, string>();
  private readonly instance = randomUUID();

  constructor(private readonly config: LocalContainerConfig) {}

  async prepare(run: RunContext): Promise<void> {
    if (!run.store.sharedAcrossProcesses) {
      throw new InvalidInputError('invalid configuration', [
        {
          message: `the local-container executor runs each step in a container, which cannot see the run log of the ${run.store.type} run-log store (it lives in this process only).`,
          fix: 'use `run-log-store: {type: file-system}` (the default) or `{type: chunked-fs}` to run branches in parallel.',
        },
      ]);
    }
    this.resolveNodeSettings(run);
    this.maxConcurrency = parallelism(run, this.config.enable_parallel, this.config.max_concurrency);

    const script = cliScript();
    const cliDir = path.dirname(script);
    if (!script || !fs.existsSync(path.join(cliDir, 'index.js')) || !fs.existsSync(path.join(cliDir, 'shim.py'))) {
      throw new InfrastructureError(
        'local-container',
        `the local-container executor mounts runnable's built CLI (the folder of dist/cli/index.js) into each container, but ` +
          `${script ? `${cliDir} is not such a folder` : 'it was not found'}. Run runnable from its bundle (\`npx runnable\`, or ` +
          '`npm run build` and `node dist/cli/index.js` in a checkout), or set RUNNABLE_CLI_ENTRY to the path of dist/cli/index.js.',
      );
    }

    this.docker = await import('./container/docker-client.js');
    try {
      this.client = new this.docker.DockerClient();
      await this.client.ping();
    } catch (e) {
      throw this.asInfrastructure(e);
    }
    const uses = new Map<string, ImageUse>();
    for (const [step, s] of this.settings) {
      const use = uses.get(s.image) ?? { pullPolicy: s.pullPolicy, steps: [] };
      // the most eager policy any node asks for wins
      if (s.pullPolicy === 'always' || (s.pullPolicy === 'if-not-present' && use.pullPolicy === 'never')) use.pullPolicy = s.pullPolicy;
      use.steps.push(step);
      uses.set(s.image, use);
    }
    const infos = await checkImages(this.client, uses, (e, context) => this.asInfrastructure(e, context));
    for (const [image, info] of infos) this.digests.set(image, info.digest);

    const raw = run.files.config
      ? loadConfig(run.files.config, { ...process.env, ...run.baseEnv }).services
      : structuredClone(DEFAULT_SERVICES);
    this.layouts = new LayoutBuilder(run, cliDir, process.cwd(), raw);
  }

  /** Every node's override key exists (all reported at once); each leaf's settings, computed once. */
  private resolveNodeSettings(run: RunContext): void {
    const issues: InputIssue[] = overrideKeyIssues(SERVICE_NAME, this.config.overrides, run.pipeline.graph);
    const missing = new Set(issues.map((i) => i.step));
    for (const { node } of walkNodes(run.pipeline.graph)) {
      const key = node.overrides[SERVICE_NAME];
      if (missing.has(node.internalName) || !isLeaf(node)) continue;
      if (node.type === 'task' && node.fn) {
        issues.push({
          location: node.location,
          step: node.internalName,
          message: 'a TypeScript function given in code cannot be sent into a container.',
          fix: 'give the task as a module path (`command: path/to/module.mjs:functionName`), or run with the local executor.',
        });
        continue;
      }
      this.settings.set(
        node.internalName,
        effectiveSettings(this.config, key === undefined ? undefined : this.config.overrides[key], process.cwd()),
      );
    }
    if (issues.length) throw new InvalidInputError('invalid configuration', issues);
  }

  executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void> {
    const s = this.settings.get(node.internalName);
    if (!s || !this.client || !this.layouts)
      throw new Error(`internal: the local-container executor was not prepared for step "${node.internalName}"`);
    const key = JSON.stringify(s);
    let layout = this.layoutCache.get(key);
    if (!layout) this.layoutCache.set(key, (layout = this.layouts.layout(s)));
    const cmd = [
      'node',
      path.posix.join(CLI_MOUNT, 'index.js'),
      ...singleNodeArgs(run, node, scope, { pipeline: layout.pipelineFile, config: layout.configFile }),
    ];
    const env = this.environment(run, node, s);
    return runLeafOutOfProcess(run, scope, step, () => this.runStep(run, step, s, layout, cmd, env));
  }

  /** The container's environment: runnable's (environment + RUNNABLE_VAR_ without the prefix + digest), and ours. */
  private environment(run: RunContext, node: LeafNode, s: ContainerSettings): Record<string, string> {
    // env-secrets read the environment: the secrets this task declares come along (the others stay on the host)
    const env: Record<string, string> = { ...templateVariables(run.baseEnv), ...s.environment, ...stepSecrets(run, node) };
    env.RUNNABLE_RUN_ID = run.runId;
    env.RUNNABLE_RUN_TAG = run.tag;
    if (run.retry) {
      env.RUNNABLE_RETRY_RUN_ID = run.runId;
      env.RUNNABLE_RETRY_INDICATOR = run.retry.indicator;
    }
    env.RUNNABLE_CODE_ID_DOCKER_IMAGE_DIGEST = this.digests.get(s.image) ?? s.image;
    // a uid the image does not know has HOME=/, which it cannot write
    if (s.user && env.HOME === undefined) env.HOME = '/tmp';
    return env;
  }

  private async runStep(
    run: RunContext,
    step: StepLog,
    s: ContainerSettings,
    layout: ContainerLayout,
    cmd: string[],
    env: Record<string, string>,
  ): Promise<OutOfProcessResult> {
    const client = this.client as DockerClient;
    const name = step.internal_name;
    if (run.abort.aborted) return { exitCode: 130, failure: 'the run was cancelled before the container of this step started' };
    const tail: string[] = [];
    const emit = (stream: 'stdout' | 'stderr') =>
      new LineSplitter((line) => {
        const masked = run.masker.mask(line);
        if (stream === 'stderr' && masked.trim()) {
          tail.push(masked);
          if (tail.length > 5) tail.shift();
        }
        run.events.emit({ type: 'step-output', step: name, stream, line: masked });
      });
    const out = emit('stdout');
    const err = emit('stderr');
    let id: string | undefined;
    const stop = () => {
      if (id) void client.kill(id).catch(() => undefined);
    };
    run.abort.addEventListener('abort', stop, { once: true });
    let res: Awaited<ReturnType<DockerClient['runContainer']>>;
    try {
      res = await client.runContainer({
        image: s.image,
        cmd,
        env,
        binds: layout.binds,
        workingDir: layout.workingDir,
        user: s.user,
        network: s.network,
        memoryBytes: s.memoryBytes,
        nanoCpus: s.nanoCpus,
        autoRemove: s.autoRemove,
        labels: {
          [LABELS.runId]: run.runId,
          [LABELS.step]: name,
          [LABELS.executor]: this.instance,
          [LABELS.autoRemove]: String(s.autoRemove),
        },
        onOutput: (stream, text) => (stream === 'stdout' ? out : err).push(text),
        onStart: (cid) => {
          id = cid;
          this.running.set(cid, name);
          if (run.abort.aborted) stop();
        },
      });
    } catch (e) {
      throw this.asInfrastructure(e, `step "${name}"`);
    } finally {
      run.abort.removeEventListener('abort', stop);
      out.end();
      err.end();
      if (id) this.running.delete(id);
    }
    if (!s.autoRemove) {
      run.events.emit({
        type: 'warning',
        message: `kept the container ${shortId(res.containerId)} of step "${name}" (auto_remove_container: false); look at it with \`docker logs ${shortId(res.containerId)}\`, remove it with \`docker rm ${shortId(res.containerId)}\`.`,
      });
    }
    if (res.exitCode === 0) return { exitCode: 0 };
    return { exitCode: res.exitCode, failure: await this.failure(run, step, s, res, tail) };
  }

  /** Why a container ended badly, for the attempt the host records when the step could not record one. */
  private async failure(
    run: RunContext,
    step: StepLog,
    s: ContainerSettings,
    res: { exitCode: number; oomKilled: boolean },
    tail: string[],
  ): Promise<string> {
    let what: string;
    if (res.oomKilled) {
      what = `the container ran out of memory and was killed${s.memoryBytes ? ` (memory limit ${Math.round(s.memoryBytes / 1024 ** 2)} MiB: raise \`memory\`)` : ''}`;
    } else if (run.abort.aborted) {
      what = 'the container was stopped because the run was cancelled';
    } else if (res.exitCode === 137) {
      what = 'the container was killed (SIGKILL, exit code 137: `docker kill`, `docker stop` or the engine stopped it)';
    } else if (res.exitCode === 143) {
      what = 'the container was terminated (SIGTERM, exit code 143)';
    } else {
      what = `the container exited with code ${res.exitCode} before the step was recorded`;
    }
    // the single-node command writes why it broke (e.g. no python3 in the image) on the step
    let reason = '';
    try {
      const written = findStep(await run.store.read(run.runId), step.internal_name);
      if (written?.message && written.message !== step.message) reason = written.message;
    } catch {
      // no readable run log: the output is all there is
    }
    if (!reason && tail.length && !run.abort.aborted && res.exitCode !== 137) reason = tail.join(' | ');
    return reason ? `${what}: ${reason}` : what;
  }

  /** The client's errors, as the one-paragraph infrastructure error (exit 3) a user sees. */
  private asInfrastructure(e: unknown, context = ''): unknown {
    const d = this.docker;
    if (!d || e instanceof InfrastructureError || e instanceof InvalidInputError) return e;
    if (e instanceof d.DockerUnavailableError) return new InfrastructureError('docker', e.message, { cause: e });
    if (e instanceof d.ImageNotFoundError || e instanceof d.ContainerStartError) {
      return new InfrastructureError('docker', `${context ? `${context.trim()}: ` : ''}${e.message}`, { cause: e });
    }
    return e;
  }

  async close(): Promise<void> {
    try {
      const client = this.client;
      if (!client) return;
      // whatever is still running (an aborted run that did not wait) is stopped; kept containers stay
      await Promise.allSettled([...this.running.keys()].map((id) => client.kill(id)));
      await client.removeContainers({ [LABELS.executor]: this.instance, [LABELS.autoRemove]: 'true' }).catch(() => undefined);
    } finally {
      this.layouts?.dispose();
    }
  }
}
