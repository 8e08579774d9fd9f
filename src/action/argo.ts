// The action's side of the argo executor: the inputs `kubeconfig` (the secret's content: masked before anything
// prints, written to a mode-600 file in a mode-700 folder under RUNNER_TEMP, which the post step removes),
// `namespace` and `wait` laid over the configuration; the submitted workflow remembered (state for the post step,
// which stops it when the job ended while it ran; the output `argo-workflow`; the job summary's link and node
// phases). runnable has no action: its argo executor only writes the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import YAML from 'yaml';
import type { Executor } from '../engine/executor.js';
import { InvalidInputError, type InputIssue } from '../errors.js';
import { ArgoExecutor } from '../executors/argo/argo-executor.js';
import type { ArgoConfig } from '../executors/argo/config.js';
import type { NodePhase, SubmitWatcher } from '../executors/argo/submit.js';
import type { ArgoInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import type { SecretRegistry } from './masking.js';
import type { ArgoSummary } from './argo-summary.js';

/** Values saved for the post step (core.saveState): paths and names only, never credentials. */
export const ARGO_STATE = {
  /** The folder holding the kubeconfig the action wrote. */
  kubeconfigDir: 'argoKubeconfigDir',
  /** JSON of `FollowedWorkflow`: a workflow the main step followed (wait), so the post step can stop it. */
  workflow: 'argoWorkflow',
  /** 'true' once the followed workflow reached its final phase: nothing to stop. */
  ended: 'argoEnded',
} as const;

/** What the post step needs to stop a workflow: where it is and how to reach the cluster (a path, never content). */
export interface FollowedWorkflow {
  namespace: string;
  name: string;
  kubeconfig?: string;
  context?: string;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Error']);

/** Keys under `users[].user` whose values are not secret (anything else of 8 characters or more is masked). */
const PLAIN_USER_KEYS = new Set(['command', 'apiVersion', 'installHint', 'interactiveMode', 'provideClusterInfo', 'name']);
/** Keys whose values are credentials whatever their length (a short password is still one). */
const SECRET_USER_KEYS = new Set([
  'token',
  'password',
  'client-key-data',
  'client-certificate-data',
  'id-token',
  'refresh-token',
  'access-token',
  'client-secret',
]);

/**
 * The values of a kubeconfig worth masking: every string under `users[].user` (token, client key and certificate
 * data, password, exec arguments and env values, auth-provider tokens) except the plain keys above and short
 * words, which would blank common text; credentials by name from 3 characters. Unparsable text gives none (the input check refuses it first).
 */
export function kubeconfigSecrets(text: string): string[] {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (SECRET_USER_KEYS.has(key) ? v.length >= 3 : v.length >= 8 && !PLAIN_USER_KEYS.has(key)) found.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  const users = (data as { users?: unknown })?.users;
  if (Array.isArray(users)) for (const u of users) walk((u as { user?: unknown })?.user, '');
  return [...found];
}

/** Writes the kubeconfig into a new mode-700 folder under `tempDir`, as a mode-600 file created exclusively. */
export function writeKubeconfig(text: string, tempDir: string): string {
  const dir = fs.mkdtempSync(path.join(tempDir, 'runnable-kube-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'kubeconfig');
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, text.endsWith('\n') ? text : `${text}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** The Argo Server UI: the `argo-server-url` input, else ARGO_SERVER (host:port, as the argo CLI reads it). */
export function argoServerUrl(input: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (input) return input.replace(/\/+$/, '');
  const server = env.ARGO_SERVER?.trim();
  if (!server) return undefined;
  const base = /^https?:\/\//.test(server) ? server : `${env.ARGO_SECURE === 'false' ? 'http' : 'https'}://${server}`;
  const href = (env.ARGO_BASE_HREF ?? '').replace(/^\/*/, '/').replace(/\/+$/, '');
  return `${base.replace(/\/+$/, '')}${href === '/' ? '' : href}`;
}

/** One run's argo side in the action: created from the inputs, applied to the assembled request. */
export class ArgoSession {
  private followed?: FollowedWorkflow;
  private workflow?: { kind: 'Workflow' | 'CronWorkflow'; namespace: string; name: string };
  private phase?: string;
  private nodes: NodePhase[] = [];
  private waited = false;
  /** The run's executor is argo: the output `argo-workflow` is set (empty when nothing was submitted). */
  active = false;

  constructor(
    private readonly inputs: ArgoInputs,
    private readonly log: ActionLog,
  ) {}

  /** Masks the kubeconfig's credentials (before anything else can print them). */
  mask(secrets: SecretRegistry): void {
    const text = this.inputs.kubeconfig;
    if (!text) return;
    // the whole text as one value (the runner matches it within a line only) and each credential on its own
    this.log.command(() => core.setSecret(text));
    for (const v of kubeconfigSecrets(text)) secrets.register(v);
  }

  /**
   * The executor to run with: the configured argo executor with the inputs laid over its configuration (the
   * kubeconfig written and used, which also submits; the namespace; wait), reporting to this session. Inputs given
   * for another executor are refused, one issue per input.
   */
  apply(executor: Executor): Executor {
    const given = (['kubeconfig', 'namespace', 'wait'] as const).filter((k) => this.inputs[k] !== undefined);
    if (!(executor instanceof ArgoExecutor)) {
      if (!given.length) return executor;
      throw new InvalidInputError(
        'invalid action inputs',
        given.map((k) => notArgo(k, executor.type)),
      );
    }
    this.active = true;
    const base = executor.config;
    const config: ArgoConfig = {
      ...base,
      argoWorkflow: {
        ...base.argoWorkflow,
        metadata: { ...base.argoWorkflow.metadata, namespace: this.inputs.namespace ?? base.argoWorkflow.metadata.namespace },
      },
      wait: this.inputs.wait ?? base.wait,
      submit: base.submit || this.inputs.kubeconfig !== undefined,
    };
    if (this.inputs.wait && !config.submit) {
      throw new InvalidInputError('invalid action inputs', [
        {
          message:
            'input "wait": it is true, but the workflow is not submitted: the configuration has no `submit: true` and no `kubeconfig` input is given.',
          fix: 'give the `kubeconfig` input (the content of a kubeconfig secret), or set `submit: true` in the configuration.',
        },
      ]);
    }
    if (this.inputs.kubeconfig) config.kubeconfig = this.writeKubeconfig(this.inputs.kubeconfig);
    this.waited = config.wait;
    const watcher = this.watcher(config);
    return new ArgoExecutor(config, async (run, c, m) => (await import('../executors/argo/submit.js')).submitWorkflow(run, c, m, watcher));
  }

  private writeKubeconfig(text: string): string {
    const file = writeKubeconfig(text, process.env.RUNNER_TEMP || os.tmpdir());
    this.save(ARGO_STATE.kubeconfigDir, path.dirname(file));
    return file;
  }

  private watcher(config: ArgoConfig): SubmitWatcher {
    return {
      submitted: (w) => {
        this.workflow = w;
        // detach: the configuration wants a cancelled follower to leave it running, so the post step does too
        if (!config.wait || config.detach || w.kind !== 'Workflow') return;
        const kubeconfig = config.kubeconfig ? path.resolve(config.kubeconfig) : undefined;
        this.followed = { namespace: w.namespace, name: w.name, kubeconfig, context: config.context };
        this.save(ARGO_STATE.workflow, JSON.stringify(this.followed));
      },
      updated: (phase, nodes) => {
        this.phase = phase;
        this.nodes = nodes;
      },
    };
  }

  /** Called once the run is over: a followed workflow that reached its final phase needs no stopping. */
  finish(): void {
    if (this.followed && this.phase && FINAL.has(this.phase)) this.save(ARGO_STATE.ended, 'true');
  }

  /** The submitted workflow's name (the output `argo-workflow`), or undefined. */
  get workflowName(): string | undefined {
    return this.workflow?.name;
  }

  /** What the job summary shows, once a workflow was submitted. */
  summary(env: NodeJS.ProcessEnv): ArgoSummary | undefined {
    if (!this.workflow) return undefined;
    return {
      ...this.workflow,
      url: argoServerUrl(this.inputs.serverUrl, env),
      waited: this.waited && this.workflow.kind === 'Workflow',
      phase: this.phase,
      nodes: this.nodes,
    };
  }

  private save(name: string, value: string): void {
    this.log.fileCommand('GITHUB_STATE', () => core.saveState(name, value));
  }
}

function notArgo(input: 'kubeconfig' | 'namespace' | 'wait', executor: string): InputIssue {
  return {
    message: `input "${input}": it applies to the argo executor, but the configuration's executor is ${executor}.`,
    fix: 'give `config:` a configuration with `pipeline-executor: {type: argo}`, or leave the input out.',
  };
}
