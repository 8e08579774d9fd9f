// The action's inputs (action.yml), read with core.getInput and checked with zod in one place. A bad input is
// an InvalidInputError (exit 2) whose issues name the input and say what to write instead.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import YAML from 'yaml';
import { LOG_LEVELS } from '../run/log-levels.js';
import { checkRunId } from '../run/run-id.js';
import { InvalidInputError, type InputIssue } from '../errors.js';
import * as z from '../util/zod.js';

export const INPUT_NAMES = [
  'pipeline',
  'config',
  'parameters',
  'run-id',
  'tag',
  'working-directory',
  'log-level',
  'retry-run-id',
  'catalog',
  'upload-run-log',
  'retry-workflow-run-id',
  'github-token',
  'kubeconfig',
  'namespace',
  'wait',
  'argo-server-url',
] as const;

/** Values of the `catalog` input: the configured catalog, or GitHub artifacts shared across the workflow run. */
export const CATALOG_INPUTS = ['configured', 'github-artifacts'] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface ActionInputs {
  /** As given: relative to `workingDirectory` (or absolute). */
  pipeline: string;
  config?: string;
  /** A parameters file (relative to `workingDirectory`), or a YAML/JSON mapping written in the workflow. */
  parameters?: { file: string } | { inline: string };
  runId?: string;
  tag?: string;
  /** Absolute. */
  workingDirectory: string;
  logLevel?: string;
  retryRunId?: string;
  /** 'configured' keeps the configuration's catalog; 'github-artifacts' shares it through artifacts. */
  catalog: (typeof CATALOG_INPUTS)[number];
  uploadRunLog: boolean;
  /** The workflow run (of this repository) whose artifacts hold the run log and catalog of `retryRunId`. */
  retryWorkflowRunId?: number;
  githubToken?: string;
  /** The argo executor's inputs: a kubeconfig's content (a secret), the namespace, whether to follow the workflow. */
  argo: ArgoInputs;
}

export interface ArgoInputs {
  /** The content of a kubeconfig (never a path): written to a mode-600 file under RUNNER_TEMP. */
  kubeconfig?: string;
  namespace?: string;
  /** Unset: the configuration's `wait`. */
  wait?: boolean;
  /** The Argo Server's UI (https://argo.example.com), for the link in the job summary. */
  serverUrl?: string;
}

/**
 * What the action does: `run` (or `execute`) a pipeline, the default; `validate` checks it and shows its mocked plan,
 * running nothing and reading no secret; `step` runs one job of a workflow the github executor wrote.
 */
export const MODES = ['run', 'execute', 'validate', 'step'] as const;
export type Mode = (typeof MODES)[number];

/** The `mode` input, checked before anything else (each mode reads its own inputs). */
export function readMode(): Mode {
  const mode = (core.getInput('mode') || 'run').trim();
  if ((MODES as readonly string[]).includes(mode)) return mode as Mode;
  throw new InvalidInputError('invalid action inputs', [
    {
      message: `input "mode": "${mode}" is not a mode.`,
      fix: `use one of ${MODES.join(', ')}, or leave \`mode\` out to run the pipeline.`,
    },
  ]);
}

/** What to write instead, per input. */
const FIXES: Record<InputName, string> = {
  pipeline: 'set `pipeline:` to the path of the pipeline YAML, relative to `working-directory`.',
  config: 'set `config:` to the path of a runnable configuration file relative to `working-directory`, or leave it out for the defaults.',
  parameters:
    'set `parameters:` to the path of a YAML parameters file, or to a mapping written inline (`parameters: \'{"name": "value"}\'`).',
  'run-id': 'use letters, digits, ".", "_" and "-", starting with a letter or digit; or leave `run-id` out to have one generated.',
  tag: 'leave `tag` out or give a short label.',
  'working-directory':
    'set `working-directory:` to a folder of the checkout (relative to the workspace), or leave it out for the workspace itself.',
  'log-level': `use one of ${LOG_LEVELS.join(', ')}.`,
  'retry-run-id': 'give the run id of a failed run to resume it, and leave `run-id` out.',
  catalog: `use one of ${CATALOG_INPUTS.join(', ')}.`,
  'upload-run-log': 'write `true` or `false`.',
  'retry-workflow-run-id':
    'give the number of the earlier workflow run (github.run_id of that run) whose artifacts hold the run log, together with `retry-run-id`.',
  'github-token': 'leave it out (the default is github.token) or give a token with `actions: read` on this repository.',
  kubeconfig:
    'give the content of a kubeconfig file (`kubeconfig: ${{ secrets.KUBECONFIG }}`, e.g. the output of `kubectl config view --minify --flatten`), not its path.',
  namespace: 'use a Kubernetes namespace name: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit.',
  wait: "write `true` (follow the workflow to its end) or `false` (submit it and go on), or leave it out for the configuration's `wait`.",
  'argo-server-url': 'give the address of the Argo Server UI with its scheme, e.g. https://argo.example.com.',
};

const isRunId = (v: string) => {
  try {
    checkRunId(v, 'input');
    return true;
  } catch {
    return false;
  }
};

/** A DNS-1123 label, as Kubernetes names namespaces. */
const isNamespace = (v: string) => v.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v);

/** A kubeconfig's content: YAML with a cluster. Messages give positions only, never the text (it holds credentials). */
function checkKubeconfig(text: string, add: (message: string) => void): void {
  if (!text.trim()) return;
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) {
    const pos = doc.errors[0].linePos?.[0];
    add(`it is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}: give the content of a kubeconfig file.`);
    return;
  }
  const data = doc.toJS() as { clusters?: unknown } | null;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    add(
      `it is ${looksLikePath(text) ? 'a path, not the content of a kubeconfig' : 'not a kubeconfig (a YAML mapping with clusters, users and contexts)'}.`,
    );
  } else if (!Array.isArray(data.clusters) || !data.clusters.length) {
    add('it names no cluster (its `clusters:` list is missing or empty).');
  }
}

const looksLikePath = (v: string) => !v.trim().includes('\n') && /^[~./]|\.ya?ml$|config$/.test(v.trim());

/** Inline parameters: anything that is not a one-line path (a newline, or a JSON/flow mapping). */
const looksInline = (v: string) => v.includes('\n') || v.startsWith('{');

function schema(baseDir: string) {
  const resolve = (wd: string, p: string) => path.resolve(baseDir, wd || '.', p);
  const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();
  /** A text input that must pass `ok` (after `normalise`); `message` says what is wrong with the value given. */
  const text = (ok: (v: string) => boolean, message: (given: string) => string, normalise?: (v: string) => string) =>
    (normalise ? z.pipe(z.string(), z.transform(normalise)) : z.string()).check(
      z.refine(ok, { error: (i: { input: unknown }) => message(String(i.input)) }),
    );
  const trueOrFalse = (given: string) => `"${given}" is not true or false.`;
  return z
    .object({
      pipeline: z.string().check(z.minLength(1, { error: 'it is required: the path of the pipeline to run.' })),
      config: z.string(),
      parameters: z.string(),
      'run-id': text(
        (v) => !v || isRunId(v),
        (g) => `"${g}" cannot be used as a run id: it names files of the run log and catalog.`,
      ),
      tag: z.string().check(z.maxLength(200, { error: 'it is longer than 200 characters.' })),
      'working-directory': z.string(),
      'log-level': text(
        (v) => !v || LOG_LEVELS.includes(v),
        (g) => `"${g}" is not a log level.`,
        (v) => v.toUpperCase(),
      ),
      'retry-run-id': text(
        (v) => !v || isRunId(v),
        (g) => `"${g}" cannot be a run id.`,
      ),
      catalog: text(
        (v) => (CATALOG_INPUTS as readonly string[]).includes(v),
        (g) => `"${g}" is not a catalog choice.`,
        (v) => v || 'configured',
      ),
      'upload-run-log': text(
        (v) => v === 'true' || v === 'false',
        trueOrFalse,
        (v) => v.trim().toLowerCase() || 'false',
      ),
      'retry-workflow-run-id': text(
        (v) => !v || /^[1-9][0-9]*$/.test(v),
        (g) => `"${g}" is not a workflow run number.`,
      ),
      'github-token': z.string(),
      // never quoted in a message: it holds credentials
      kubeconfig: z.string().check(z.superRefine((v, ctx) => checkKubeconfig(v, (message) => ctx.addIssue({ code: 'custom', message })))),
      namespace: text(
        (v) => !v || isNamespace(v),
        (g) => `"${g}" is not a namespace name.`,
      ),
      wait: text(
        (v) => ['', 'true', 'false'].includes(v),
        trueOrFalse,
        (v) => v.trim().toLowerCase(),
      ),
      'argo-server-url': text(
        (v) => !v || /^https?:\/\/[^\s/]+/.test(v),
        (g) => `"${g}" is not an http(s) address.`,
      ),
    })
    .check(
      z.superRefine((v, ctx) => {
        const add = (input: InputName, message: string) => ctx.addIssue({ code: 'custom', path: [input], message });
        const wd = path.resolve(baseDir, v['working-directory'] || '.');
        if (!fs.existsSync(wd) || !fs.statSync(wd).isDirectory()) {
          add('working-directory', `the folder ${wd} does not exist.`);
          return; // every path below is relative to it
        }
        if (v.pipeline && !isFile(resolve(v['working-directory'], v.pipeline)))
          add('pipeline', `the file ${v.pipeline} does not exist in ${wd}.`);
        if (v.config && !isFile(resolve(v['working-directory'], v.config))) add('config', `the file ${v.config} does not exist in ${wd}.`);
        if (v.parameters) {
          if (looksInline(v.parameters)) {
            let data: unknown;
            try {
              data = YAML.parse(v.parameters);
            } catch (e) {
              add('parameters', `it is not valid YAML or JSON: ${(e as Error).message.split('\n')[0].replace(/[:.\s]+$/, '')}.`);
              return;
            }
            if (data !== null && (typeof data !== 'object' || Array.isArray(data)))
              add('parameters', 'it must be a mapping of names to values.');
          } else if (!isFile(resolve(v['working-directory'], v.parameters))) {
            add('parameters', `the file ${v.parameters} does not exist in ${wd}.`);
          }
        }
        if (v['run-id'] && v['retry-run-id']) add('retry-run-id', 'it and `run-id` are both set: a resumed run keeps its own run id.');
        if (v['retry-workflow-run-id'] && !v['retry-run-id']) add('retry-workflow-run-id', 'it is set but `retry-run-id` is not.');
      }),
    );
}

/**
 * Reads and checks every input. `baseDir` is where relative paths start (the process's directory, which the
 * runner sets to GITHUB_WORKSPACE). Throws InvalidInputError with one issue per bad input.
 */
export function readInputs(baseDir: string = process.cwd()): ActionInputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((n) => [n, core.getInput(n)]));
  const result = schema(baseDir).safeParse(raw);
  if (!result.success) {
    const issues: InputIssue[] = result.error.issues.map((i) => {
      const input = String(i.path[0] ?? '') as InputName;
      return { message: `input "${input}": ${i.message}`, fix: FIXES[input] ?? `see the inputs in action.yml.` };
    });
    throw new InvalidInputError('invalid action inputs', issues);
  }
  const v = result.data;
  const opt = (s: string) => s || undefined;
  return {
    pipeline: v.pipeline,
    config: opt(v.config),
    parameters: !v.parameters ? undefined : looksInline(v.parameters) ? { inline: v.parameters } : { file: v.parameters },
    runId: opt(v['run-id']),
    tag: opt(v.tag),
    workingDirectory: path.resolve(baseDir, v['working-directory'] || '.'),
    logLevel: opt(v['log-level']),
    retryRunId: opt(v['retry-run-id']),
    catalog: v.catalog as ActionInputs['catalog'],
    uploadRunLog: v['upload-run-log'] === 'true',
    retryWorkflowRunId: v['retry-workflow-run-id'] ? Number(v['retry-workflow-run-id']) : undefined,
    githubToken: opt(v['github-token']),
    argo: {
      kubeconfig: opt(v.kubeconfig),
      namespace: opt(v.namespace),
      wait: v.wait === '' ? undefined : v.wait === 'true',
      serverUrl: opt(v['argo-server-url'].replace(/\/+$/, '')),
    },
  };
}
