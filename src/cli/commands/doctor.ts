// `runnable doctor [-c CONFIG]`: checks that the configured executor can run here. For argo: the image, the
// kubeconfig, the API server, the namespace, the Workflow CRD, RBAC and the PVC, each failure with its fix; exit 2
// when anything fails. Other executors have nothing to check yet.
import { findConfigFile, loadConfig } from '../../config/config-file.js';
import { InvalidInputError } from '../../errors.js';
import { argoConfigSchema, type ArgoConfig } from '../../executors/argo/config.js';
import * as z from '../../util/zod.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG } from '../options.js';

export const DOCTOR_USAGE = 'runnable doctor [-c CONFIG]';

export async function doctorCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('doctor', argv, [CONFIG_FLAG], DOCTOR_USAGE);
  const file = findConfigFile(str(a.flags.config), io.env, io.cwd);
  const config = loadConfig(file, io.env);
  const executor = config.services['pipeline-executor'];
  if (executor.type !== 'argo') {
    io.out(`doctor: the ${executor.type} executor has nothing to check.`);
    return 0;
  }
  const { argoDoctor } = await import('../../executors/argo/doctor.js');
  const checks = await argoDoctor(z.parse(argoConfigSchema, executor.config) as ArgoConfig, io.env, io.cwd);
  for (const c of checks) io.out(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}${c.fix ? `\n     Fix: ${c.fix}` : ''}`);
  const failed = checks.filter((c) => !c.ok);
  if (!failed.length) {
    io.out('doctor: ready to submit.');
    return 0;
  }
  throw new InvalidInputError(
    'the cluster is not ready for this configuration',
    failed.map((c) => ({ message: `${c.name}: ${c.detail}.`, fix: c.fix ?? '' })),
  );
}
