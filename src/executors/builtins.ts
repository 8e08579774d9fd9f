// The executors that ship with runnable, registered under their configuration type names.
import { registry } from '../services/registry.js';
import { githubConfigSchema } from './github/config.js';
import { GithubExecutor } from './github/github-executor.js';
import { ArgoExecutor } from './argo/argo-executor.js';
import { argoConfigSchema } from './argo/config.js';
import { EmulatorExecutor, emulatorConfigSchema } from './emulator-executor.js';
import { LocalContainerExecutor, localContainerConfigSchema } from './local-container-executor.js';
import { LocalExecutor, localConfigSchema } from './local-executor.js';
import { MockedExecutor, mockedConfigSchema } from './mocked-executor.js';

registry.register({ kind: 'pipeline-executor', type: 'local', schema: localConfigSchema, create: (c) => new LocalExecutor(c) });
registry.register({ kind: 'pipeline-executor', type: 'mocked', schema: mockedConfigSchema, create: (c) => new MockedExecutor(c) });
registry.register({ kind: 'pipeline-executor', type: 'emulator', schema: emulatorConfigSchema, create: (c) => new EmulatorExecutor(c) });
registry.register({
  kind: 'pipeline-executor',
  type: 'local-container',
  schema: localContainerConfigSchema,
  create: (c) => new LocalContainerExecutor(c),
});
registry.register({ kind: 'pipeline-executor', type: 'github', schema: githubConfigSchema, create: (c) => new GithubExecutor(c) });
registry.register({
  kind: 'pipeline-executor',
  type: 'argo',
  schema: argoConfigSchema,
  create: (c) => new ArgoExecutor(c, async (run, config, m) => (await import('./argo/submit.js')).submitWorkflow(run, config, m)),
});
