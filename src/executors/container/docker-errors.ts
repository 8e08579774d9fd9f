// The Docker client's typed errors, each with a message that names the fix, and the helpers that read
// dockerode's raw errors (socket codes, HTTP statuses, the engine's own words). Kept apart from docker-client.ts
// so that the client stays about calls; it re-exports the error classes.
/** Where the client is pointed, for messages: DOCKER_HOST or dockerode's default socket. */
export function describeEndpoint(): string {
  const host = process.env.DOCKER_HOST;
  return host ? `DOCKER_HOST=${host}` : 'the default socket unix:///var/run/docker.sock (DOCKER_HOST is unset)';
}

/** No Docker engine answers: the machine's fault (exit 3), with how to start one. */
export class DockerUnavailableError extends Error {
  override readonly name = 'DockerUnavailableError';
  constructor(
    readonly endpoint: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(
      `No Docker engine answered at ${endpoint} (${detail}). The local-container executor runs every task ` +
        `in a container and needs a running engine: start Docker (Docker Desktop, \`sudo systemctl start docker\`, ` +
        `or on a Debian CI machine as root \`bash scripts/ci/docker-up.sh\`), or point DOCKER_HOST at an engine ` +
        `that answers (e.g. unix:///var/run/docker.sock or tcp://127.0.0.1:2375), then run again.`,
      options,
    );
  }
}

/** The image is not in the engine and may not (or could not) be pulled. */
export class ImageNotFoundError extends Error {
  override readonly name = 'ImageNotFoundError';
  constructor(
    readonly image: string,
    readonly reason: 'missing' | 'pull-failed',
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(
      reason === 'missing'
        ? `Docker image "${image}" is not present in the local engine and the pull policy does not allow pulling it ` +
            `(${detail}). Build it (\`docker build -t ${image} .\`) or load it (\`docker load -i image.tar\`) into ` +
            `the engine at ${describeEndpoint()}, or set the pull policy to 'if-not-present' to fetch it from a registry.`
        : `Docker image "${image}" could not be pulled: no registry answered or it refused (${detail}). Check the ` +
            `image name and tag and that the registry is reachable and you are logged in (\`docker login\`); without ` +
            `a registry, build (\`docker build -t ${image} .\`) or load (\`docker load -i image.tar\`) the image locally ` +
            `and use pull policy 'never' or 'if-not-present'.`,
      options,
    );
  }
}

/** The engine refused to start the container (a missing program, a bad bind mount). */
export class ContainerStartError extends Error {
  override readonly name = 'ContainerStartError';
  constructor(
    readonly image: string,
    readonly cmd: string[],
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(
      `Docker could not start a container from image "${image}" with command ${JSON.stringify(cmd)}: ${detail}. ` +
        `When the engine says "executable file not found", the image lacks that program (runnable tasks need ` +
        `\`node\` on the image's PATH): use an image that has it, or add it to the image; a bind-mount error ` +
        `means a host path does not exist or is not shared with the engine.`,
      options,
    );
  }
}

/** Error codes of a socket nobody listens on (or may not be opened). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** True for a socket error that means no engine is there. */
export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** The HTTP status of a dockerode error, if it has one. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** The engine's own words for an HTTP error, without dockerode's "(HTTP code 404) no such image -" prefix. */
export function messageOf(err: unknown): string {
  const json = (err as { json?: { message?: unknown } } | null)?.json;
  if (json && typeof json.message === 'string') return json.message;
  return err instanceof Error ? err.message : String(err);
}

/** `p`, or the error `onTimeout` makes once `ms` have passed. */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
