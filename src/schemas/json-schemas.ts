// JSON Schemas of the pipeline file and the configuration file, generated from the zod schemas the loaders use
// (src/pipeline/schema.ts, each registered service's `schema`), so editors complete and check what we accept:
// `# yaml-language-server: $schema=./node_modules/runnable-ts/dist/schemas/pipeline.schema.json`. Written by
// scripts/build.mjs into dist/schemas/. runnable publishes no schemas. The loaders stay the authority: located
// errors with fixes, cross-step checks (`next` targets, parameters) no schema can express.
import '../services/builtins.js';
import '../executors/builtins.js';
import { toJSONSchema } from 'zod/v4/core';
import { NODE_SCHEMAS, graphSchema } from '../pipeline/schema.js';
import { SERVICE_KINDS, registry } from '../services/registry.js';
import type { ZodType } from '../util/zod.js';

type Json = Record<string, any>;
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** A zod schema as JSON Schema of what a user may write (defaults make keys optional). */
function inputSchema(schema: ZodType): Json {
  const out = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

const NODE_DOCS: Record<string, string> = {
  task: 'Runs a python function, a shell command or a JavaScript/TypeScript function.',
  stub: 'Does nothing and succeeds; any other keys are accepted (a placeholder).',
  parallel: 'Runs each branch (a graph) at the same time.',
  map: 'Runs the branch once per item of the list parameter `iterate_on`, the item named `iterate_as`.',
  conditional: 'Runs the branch named by the value of `parameter`.',
  loop: 'Runs the branch until the parameter `break_on` is true or `max_iterations` is reached.',
  success: 'Ends the pipeline (or branch) successfully.',
  fail: 'Ends the pipeline (or branch) as failed.',
};

/** The pipeline file: `dag:` a graph of steps; branches of composite steps are graphs again. */
export function pipelineJsonSchema(): Json {
  const graph = inputSchema(graphSchema);
  graph.properties.steps = { type: 'object', additionalProperties: { $ref: '#/$defs/step' } };
  const defs: Json = { graph };
  for (const [type, schema] of Object.entries(NODE_SCHEMAS)) {
    if (type === 'fail') continue;
    const node = inputSchema(schema as ZodType);
    if (type === 'success') node.properties.type = { enum: ['success', 'fail'] };
    const props = node.properties as Json;
    if (props.branches) props.branches = { type: 'object', additionalProperties: { $ref: '#/$defs/graph' } };
    if (props.branch) props.branch = { $ref: '#/$defs/graph' };
    node.description = type === 'success' ? `${NODE_DOCS.success} / ${NODE_DOCS.fail}` : NODE_DOCS[type];
    defs[type === 'success' ? 'terminal' : type] = node;
  }
  const steps = Object.keys(defs).filter((k) => k !== 'graph');
  defs.step = { oneOf: steps.map((k) => ({ $ref: `#/$defs/${k}` })) };
  return {
    $schema: DRAFT,
    $id: 'https://runnable-ts/pipeline.schema.json',
    title: 'runnable pipeline',
    type: 'object',
    required: ['dag'],
    properties: { dag: { $ref: '#/$defs/graph' } },
    $defs: defs,
  };
}

/** The configuration file: one `{type, config}` per service kind, `config` checked per registered type. */
export function configJsonSchema(): Json {
  const properties: Json = {};
  for (const kind of SERVICE_KINDS) {
    const variants = registry.types(kind).map((type) => ({
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: { type: { const: type }, config: inputSchema(registry.get(kind, type)!.schema) },
    }));
    properties[kind] = { oneOf: variants };
    // runnable's spelling with underscores is accepted too
    if (kind.includes('-')) properties[kind.replace(/-/g, '_')] = { $ref: `#/properties/${kind}` };
  }
  return {
    $schema: DRAFT,
    $id: 'https://runnable-ts/config.schema.json',
    title: 'runnable configuration',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}
