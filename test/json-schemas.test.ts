// The JSON Schemas shipped in dist/schemas (generated from the zod schemas by the build) accept every pipeline and
// configuration in examples/ and reject what the loaders reject: a misspelt key, a wrong node type, a config
// value of the wrong type. Checked with ajv (draft 2020-12), as editors do. Needs `npm run build` first.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

function compile(name: string) {
  const file = path.join(REPO_ROOT, 'dist/schemas', name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before this test.`);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const examples = (dir: string) =>
  fs
    .readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(dir, f));

describe('JSON Schemas', () => {
  it('accept every example pipeline and reject misspelt keys and unknown step types', () => {
    const validate = compile('pipeline.schema.json');
    const pipelines = examples('examples').filter((f) => !f.includes('configs') && !/params\.yaml$/.test(f));
    expect(pipelines.length).toBeGreaterThan(8);
    for (const file of pipelines) {
      expect(validate(YAML.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
    const step = (extra: object) => ({ dag: { start_at: 'a', steps: { a: { type: 'task', command: 'x', next: 'success', ...extra } } } });
    expect(validate(step({}))).toBe(true);
    expect(validate(step({ comand: 'y' }))).toBe(false);
    expect(validate(step({ type: 'taks' }))).toBe(false);
    expect(
      validate({
        dag: {
          start_at: 'm',
          steps: {
            m: {
              type: 'map',
              iterate_on: 'xs',
              iterate_as: 'x',
              next: 'success',
              branch: { start_at: 'b', steps: { b: { type: 'stub', next: 'success' } } },
            },
          },
        },
      }),
    ).toBe(true);
    expect(
      validate({
        dag: {
          start_at: 'm',
          steps: { m: { type: 'map', iterate_on: 'xs', iterate_as: 'x', next: 'success', branch: { start: 'b', steps: {} } } },
        },
      }),
    ).toBe(false);
  });

  it('accept every example configuration and reject a wrong service type or config key', () => {
    const validate = compile('config.schema.json');
    const configs = examples('examples/configs');
    expect(configs.length).toBeGreaterThan(2);
    for (const file of configs) {
      expect(validate(YAML.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
    expect(validate({ catalog: { type: 'github-artifacts' } })).toBe(true);
    expect(validate({ catalog: { type: 'file-sytem' } })).toBe(false);
    expect(validate({ catalog: { type: 'file-system', config: { catalog_locaton: 'x' } } })).toBe(false);
    expect(validate({ executor: { type: 'local' } })).toBe(false);
  });
});
