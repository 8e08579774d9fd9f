// The git identity of the code a step ran with (runnable §3.1), looked up once per process: a step does not
// pay for a git call. Containers add their image digest on top (see executors).
import { execFile } from 'node:child_process';
import type { CodeIdentity } from '../services/run-log/model.js';

let cached: Promise<CodeIdentity> | undefined;

function git(args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { timeout: 5000 }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

async function lookUp(): Promise<CodeIdentity> {
  const sha = await git(['rev-parse', 'HEAD']);
  if (!sha) {
    return {
      code_identifier: null,
      code_identifier_type: 'git',
      code_identifier_dependable: false,
      code_identifier_url: null,
      code_identifier_message: 'Not a git repo',
    };
  }
  const [status, url] = await Promise.all([git(['status', '--porcelain']), git(['config', '--get', 'remote.origin.url'])]);
  const changed = (status ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  return {
    code_identifier: sha,
    code_identifier_type: 'git',
    code_identifier_dependable: changed.length === 0,
    code_identifier_url: url ?? null,
    code_identifier_message: changed.length ? `changes found in ${changed.slice(0, 20).join(', ')}` : '',
  };
}

/** Starts the look-up early (at run start) so the first step does not wait for it. */
export function warmCodeIdentity(): void {
  cached ??= lookUp();
}

/** In a local-container step, the image the step ran in (the executor passes its digest in the environment). */
function dockerIdentity(env: NodeJS.ProcessEnv): CodeIdentity[] {
  const digest = env.RUNNABLE_CODE_ID_DOCKER_IMAGE_DIGEST;
  if (!digest) return [];
  return [
    {
      code_identifier: digest,
      code_identifier_type: 'docker',
      code_identifier_dependable: true,
      code_identifier_url: 'local docker host',
      code_identifier_message: '',
    },
  ];
}

export async function codeIdentities(extra: CodeIdentity[] = []): Promise<CodeIdentity[]> {
  cached ??= lookUp();
  return [await cached, ...dockerIdentity(process.env), ...extra];
}
