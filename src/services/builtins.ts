// The run-log stores, catalogs, secrets and pickler that ship with runnable.
import { InvalidInputError } from '../errors.js';
import * as z from '../util/zod.js';
import { DoNothingCatalog } from './catalog/do-nothing-catalog.js';
import { FileSystemCatalog } from './catalog/file-system-catalog.js';
import { GitHubArtifactsCatalog } from './catalog/github-artifacts-catalog.js';
import { registry } from './registry.js';
import { BufferedRunLogStore } from './run-log/buffered-store.js';
import { ChunkedFsRunLogStore } from './run-log/chunked-fs-store.js';
import { FileSystemRunLogStore } from './run-log/file-system-store.js';
import { DoNothingSecrets } from './secrets/do-nothing-secrets.js';
import { DotenvSecrets } from './secrets/dotenv-secrets.js';
import { EnvSecrets } from './secrets/env-secrets.js';

const folder = z.string().check(z.minLength(1));

registry.register({ kind: 'run-log-store', type: 'buffered', schema: z.strictObject({}), create: () => new BufferedRunLogStore() });
registry.register({
  kind: 'run-log-store',
  type: 'file-system',
  schema: z.strictObject({ log_folder: z.optional(folder) }),
  create: (c) => new FileSystemRunLogStore(c),
});
registry.register({
  kind: 'run-log-store',
  type: 'chunked-fs',
  schema: z.strictObject({ log_folder: z.optional(folder) }),
  create: (c) => new ChunkedFsRunLogStore(c),
});
registry.register({
  kind: 'catalog',
  type: 'do-nothing',
  schema: z.strictObject({ compute_data_folder: z.optional(folder) }),
  create: (c) => new DoNothingCatalog(c),
});
registry.register({
  kind: 'catalog',
  type: 'file-system',
  schema: z.strictObject({ catalog_location: z.optional(folder), compute_data_folder: z.optional(folder) }),
  create: (c) => new FileSystemCatalog(c),
});
registry.register({
  kind: 'catalog',
  type: 'github-artifacts',
  schema: z.strictObject({ catalog_location: z.optional(folder), compute_data_folder: z.optional(folder) }),
  create: (c, context) => {
    const transport = context.artifactTransport;
    if (!transport) {
      throw new InvalidInputError('invalid configuration', [
        {
          message: "the github-artifacts catalog needs GitHub's artifact service, which the runner opens to actions only.",
          fix: 'run the pipeline with `uses: runnable/action@v1` (not `npx runnable` in a `run:` step), or use the file-system catalog.',
        },
      ]);
    }
    return new GitHubArtifactsCatalog(c, transport);
  },
});
registry.register({ kind: 'secrets', type: 'env-secrets', schema: z.strictObject({}), create: () => new EnvSecrets() });
registry.register({ kind: 'secrets', type: 'do-nothing', schema: z.strictObject({}), create: () => new DoNothingSecrets() });
registry.register({
  kind: 'secrets',
  type: 'dotenv',
  schema: z.strictObject({ location: z.optional(folder) }),
  create: (c) => new DotenvSecrets(c),
});
// Objects are pickled by the python shim (dill when importable, else pickle); the key is accepted for compatibility.
registry.register({ kind: 'pickler', type: 'pickle', schema: z.strictObject({}), create: () => ({ extension: '.dill' }) });
// Jobs (single tasks run without a pipeline) are not part of runnable for TypeScript; the key is accepted so that
// runnable configuration files that carry it still load.
registry.register({ kind: 'job-executor', type: 'local', schema: z.looseObject({}), create: () => ({}) });
