// An Argo-semantics lint of a generated manifest: the rules of Argo's own validator (workflow/validate) that its
// JSON schema cannot express. It runs on every manifest before it is written or submitted; a problem here is a bug
// in the transpiler or an `argoWorkflow` setting Argo would refuse, reported before the cluster does.
import { DNS_LABEL, MAX_GENERATE_NAME } from './names.js';
import { workflowSpecOf, type ArgoTemplate, type WorkflowManifest } from './workflow-types.js';

const NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const PARAM_NAME = /^[-a-zA-Z0-9_]+$/;

/** Every problem found, as sentences; empty when the manifest is fine. */
export function lintManifest(m: WorkflowManifest): string[] {
  const problems: string[] = [];
  const spec = workflowSpecOf(m);
  const gen = m.metadata.generateName ?? m.metadata.name ?? '';
  if (!gen) problems.push('metadata has neither name nor generateName.');
  if (m.metadata.generateName && m.metadata.generateName.length > MAX_GENERATE_NAME)
    problems.push(`generateName is longer than ${MAX_GENERATE_NAME}.`);
  if (gen && !DNS_LABEL.test(gen.replace(/-$/, ''))) problems.push(`workflow name "${gen}" is not a lowercase DNS-1123 label.`);
  const templates = new Map<string, ArgoTemplate>();
  for (const t of spec.templates) {
    if (templates.has(t.name)) problems.push(`template "${t.name}" is defined twice.`);
    templates.set(t.name, t);
    if (!NAME.test(t.name) || t.name.length > 128) problems.push(`template name "${t.name}" is not valid.`);
    if (t.name !== t.name.toLowerCase()) problems.push(`template name "${t.name}" has capitals: pod names embed it and must be lowercase.`);
    const kinds = ['container', 'dag', 'script', 'steps', 'resource', 'suspend'].filter((k) => k in t);
    if (kinds.length !== 1)
      problems.push(`template "${t.name}" must have exactly one of container, dag, script...; it has ${kinds.join(', ') || 'none'}.`);
    for (const p of [...(t.inputs?.parameters ?? []), ...(t.outputs?.parameters ?? [])]) {
      if (!PARAM_NAME.test(p.name)) problems.push(`parameter "${p.name}" of template "${t.name}" is not a valid name.`);
    }
  }
  const ref = (name: string | undefined, where: string) => {
    if (name && !templates.has(name)) problems.push(`${where} names template "${name}", which does not exist.`);
  };
  ref(spec.entrypoint, 'entrypoint');
  ref(spec.onExit, 'onExit');
  const globals = new Set(spec.arguments.parameters.map((p) => p.name));
  for (const t of spec.templates) lintTemplate(t, templates, globals, problems);
  return problems;
}

function lintTemplate(t: ArgoTemplate, templates: Map<string, ArgoTemplate>, globals: Set<string>, problems: string[]): void {
  const inputs = new Set((t.inputs?.parameters ?? []).map((p) => p.name));
  const checkRefs = (text: string, where: string, tasks?: Set<string>) => {
    for (const [, kind, rest] of text.matchAll(/\{\{(inputs\.parameters|workflow\.parameters|tasks)\.([^}]+)\}\}/g)) {
      if (kind === 'inputs.parameters' && !inputs.has(rest))
        problems.push(`${where} uses {{inputs.parameters.${rest}}}, which template "${t.name}" does not declare.`);
      if (kind === 'workflow.parameters' && !globals.has(rest))
        problems.push(`${where} uses workflow parameter "${rest}", which is not an argument.`);
      if (kind === 'tasks' && tasks && !tasks.has(rest.split('.')[0]))
        problems.push(`${where} refers to task "${rest.split('.')[0]}", which is not in the DAG.`);
    }
  };
  if (t.container) checkRefs(JSON.stringify(t.container), `template "${t.name}"`);
  if (!t.dag) return;
  const names = new Set<string>();
  for (const task of t.dag.tasks) {
    const where = `task "${task.name}" of "${t.name}"`;
    if (names.has(task.name)) problems.push(`${where} is defined twice.`);
    names.add(task.name);
    if (!NAME.test(task.name) || task.name.length > 128) problems.push(`${where}: the name is not valid.`);
    if (/^[0-9]/.test(task.name)) problems.push(`${where}: task names may not begin with a digit when depends is used.`);
    if ('dependencies' in task) problems.push(`${where} uses dependencies; only depends is emitted.`);
    const loops = ['withItems', 'withParam', 'withSequence'].filter((k) => k in task);
    if (loops.length > 1) problems.push(`${where} has ${loops.join(' and ')}; only one is allowed.`);
    const target = templates.get(task.template);
    if (!target) problems.push(`${where} names template "${task.template}", which does not exist.`);
    const given = new Set((task.arguments?.parameters ?? []).map((p) => p.name));
    for (const p of target?.inputs?.parameters ?? []) {
      if (p.default === undefined && !given.has(p.name))
        problems.push(`${where} does not pass input "${p.name}" of template "${task.template}".`);
    }
  }
  for (const task of t.dag.tasks) {
    const where = `task "${task.name}" of "${t.name}"`;
    for (const [, dep] of (task.depends ?? '').matchAll(
      /([a-zA-Z0-9-]+)\.(?:Succeeded|Failed|Errored|Skipped|Omitted|Daemoned|AnySucceeded|AllFailed)/g,
    )) {
      if (!names.has(dep)) problems.push(`${where} depends on "${dep}", which is not a task of the DAG.`);
    }
    checkRefs(JSON.stringify({ a: task.arguments, w: task.when, p: task.withParam }), where, names);
  }
}
