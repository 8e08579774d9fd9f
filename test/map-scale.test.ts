// A long map does not copy its own item list into every branch (that would make the run log grow with the square
// of the items), while a short one does, like every other parameter.
import { describe, expect, it } from 'vitest';
import { LONG_MAP } from '../src/engine/composites/map.js';
import { expectExit, runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

const PIPELINE = dedent(`
  dag:
    start_at: fan
    steps:
      fan:
        type: map
        iterate_on: items
        iterate_as: item
        next: success
        branch:
          start_at: look
          steps:
            look:
              type: task
              command_type: shell
              command: export seen="\${items:-none}:$item:$other"
              returns: [seen]
              next: success
`);

describe('map branches and the item list', () => {
  it(`a map over more than ${LONG_MAP} items leaves the list out of each branch, and the other parameters in`, async () => {
    const n = LONG_MAP + 1;
    const ws = workspace({
      'pipeline.yaml': PIPELINE,
      'params.yaml': `items: [${Array.from({ length: n }, (_, i) => i).join(', ')}]\nother: kept\n`,
    });
    expectExit(await runCli(['execute', 'pipeline.yaml', 'long', '-p', 'params.yaml'], { cwd: ws.dir }), 0);
    const log = ws.runLog('long');
    const branches = Object.values(log.steps.fan.branches);
    expect(branches).toHaveLength(n);
    for (const b of branches) {
      expect(b.parameters.items).toBeUndefined();
      expect(b.parameters.other.value).toBe('kept');
    }
    expect(log.steps.fan.branches['fan.7'].parameters.seen.value).toBe('none:7:kept');
    expect((log.parameters.seen.value as string[]).length).toBe(n);
  });
  it('a short map gives every branch a copy of the list too', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'params.yaml': 'items: [1, 2]\nother: kept\n' });
    expectExit(await runCli(['execute', 'pipeline.yaml', 'short', '-p', 'params.yaml'], { cwd: ws.dir }), 0);
    const log = ws.runLog('short');
    expect(log.steps.fan.branches['fan.1'].parameters.items.value).toEqual([1, 2]);
    expect(log.parameters.seen.value).toEqual(['[1, 2]:1:kept', '[1, 2]:2:kept']);
  });
});
