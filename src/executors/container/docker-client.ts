// A thin, typed wrapper over dockerode: the only Docker calls the local-container
// executor makes. It exists so that the executor deals in plain values (exit code,
// text output, image digest) and in typed errors with messages that name the fix,
// never in dockerode's streams and raw HTTP errors.
import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import Docker from 'dockerode';
import {
  ContainerStartError,
  DockerUnavailableError,
  ImageNotFoundError,
  describeEndpoint,
  isUnavailable,
  messageOf,
  statusOf,
  withTimeout,
} from './docker-errors.js';

export { ContainerStartError, DockerUnavailableError, ImageNotFoundError } from './docker-errors.js';

export type PullPolicy = 'never' | 'if-not-present' | 'always';
export type OutputStream = 'stdout' | 'stderr';

export interface ImageInfo {
  /** Image id (sha256:...). */
  id: string;
  /** First RepoDigest (repo@sha256:...) when the image came from a registry, else the image id. */
  digest: string;
  repoTags: string[];
  /** The image's WORKDIR ('' when unset). */
  workingDir: string;
  /** Whether the image has `node`: inspect cannot tell, so this stays undefined here; see probeCommand. */
  hasNode?: boolean;
}

export interface RunContainerOptions {
  image: string;
  cmd: string[];
  env: Record<string, string>;
  /** "host:container" or "host:container:ro", as Docker's HostConfig.Binds. */
  binds: string[];
  workingDir?: string;
  user?: string;
  /** Docker network mode: 'none', 'bridge', 'host' or a network name. Engine default when unset. */
  network?: string;
  memoryBytes?: number;
  nanoCpus?: number;
  /** Remove the container once it exited (done by us after wait, so the exit code is never lost). */
  autoRemove: boolean;
  labels: Record<string, string>;
  name?: string;
  /** Called with each piece of output as it arrives, in arrival order across both streams. */
  onOutput(stream: OutputStream, text: string): void;
  /** Called once the container is started, e.g. to be able to kill() it. */
  onStart?(containerId: string): void;
}

export interface RunContainerResult {
  exitCode: number;
  containerId: string;
  oomKilled: boolean;
}

export interface ProbeResult {
  exitCode: number;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export interface DockerClientOptions {
  /** A ready dockerode instance; default `new Docker()`, which honours DOCKER_HOST (and DOCKER_CERT_PATH, DOCKER_TLS_VERIFY). */
  docker?: Docker;
  /** Bound on ping(), so a wedged socket fails fast instead of hanging the run. */
  pingTimeoutMs?: number;
  /** Bound on one image pull. */
  pullTimeoutMs?: number;
}

export class DockerClient {
  private readonly docker: Docker;
  private readonly pingTimeoutMs: number;
  private readonly pullTimeoutMs: number;

  constructor(options: DockerClientOptions = {}) {
    try {
      this.docker = options.docker ?? new Docker();
    } catch (err) {
      // dockerode throws here for a DOCKER_HOST it cannot parse.
      throw new DockerUnavailableError(describeEndpoint(), messageOf(err), { cause: err });
    }
    this.pingTimeoutMs = options.pingTimeoutMs ?? 10_000;
    this.pullTimeoutMs = options.pullTimeoutMs ?? 600_000;
  }

  /** Run one engine call; a dead socket becomes DockerUnavailableError, anything else is rethrown. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUnavailable(err)) throw new DockerUnavailableError(describeEndpoint(), messageOf(err), { cause: err });
      throw err;
    }
  }

  async ping(): Promise<void> {
    try {
      await withTimeout(this.docker.ping(), this.pingTimeoutMs, () => new Error(`no answer within ${this.pingTimeoutMs} ms`));
    } catch (err) {
      throw new DockerUnavailableError(describeEndpoint(), messageOf(err), { cause: err });
    }
  }

  async imageInfo(name: string): Promise<ImageInfo> {
    const info = await this.call(async () => {
      try {
        return await this.docker.getImage(name).inspect();
      } catch (err) {
        if (statusOf(err) === 404) throw new ImageNotFoundError(name, 'missing', messageOf(err), { cause: err });
        throw err;
      }
    });
    return {
      id: info.Id,
      digest: info.RepoDigests?.[0] ?? info.Id,
      repoTags: info.RepoTags ?? [],
      workingDir: info.Config?.WorkingDir ?? '',
    };
  }

  /** Make sure the image is in the engine, pulling it when the policy allows; returns its info. */
  async ensureImage(name: string, pullPolicy: PullPolicy): Promise<ImageInfo> {
    if (pullPolicy === 'never') return this.imageInfo(name);
    if (pullPolicy === 'if-not-present') {
      try {
        return await this.imageInfo(name);
      } catch (err) {
        if (!(err instanceof ImageNotFoundError)) throw err;
      }
    }
    // 'always', like `docker run --pull=always`, fails when the pull fails even if a
    // local copy exists: a stale image must not run silently.
    await this.pull(name);
    return this.imageInfo(name);
  }

  private async pull(name: string): Promise<void> {
    await this.call(async () => {
      let stream: NodeJS.ReadableStream;
      try {
        stream = await this.docker.pull(name);
      } catch (err) {
        if (isUnavailable(err)) throw err;
        throw new ImageNotFoundError(name, 'pull-failed', messageOf(err), { cause: err });
      }
      // The HTTP call succeeds as soon as the pull starts; failures arrive later as
      // {"error": ...} lines in the progress stream.
      const done = new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(stream, (err: Error | null, events: Array<{ error?: string }>) => {
          if (err) return reject(new ImageNotFoundError(name, 'pull-failed', messageOf(err), { cause: err }));
          const failed = events.find((e) => typeof e.error === 'string');
          if (failed) return reject(new ImageNotFoundError(name, 'pull-failed', failed.error as string));
          resolve();
        });
      });
      await withTimeout(done, this.pullTimeoutMs, () => {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        return new ImageNotFoundError(name, 'pull-failed', `no progress within ${this.pullTimeoutMs} ms`);
      });
    });
  }

  /**
   * Create, attach, start and wait for one container; output goes to opts.onOutput as it comes.
   * Resolves with the exit code (also for non-zero codes and kills); rejects with
   * ContainerStartError when the engine cannot start it (missing executable, bad bind).
   */
  async runContainer(opts: RunContainerOptions): Promise<RunContainerResult> {
    const env = Object.entries(opts.env).map(([k, v]) => {
      if (k === '' || k.includes('=')) throw new TypeError(`invalid environment variable name ${JSON.stringify(k)}`);
      return `${k}=${v}`;
    });
    const container = await this.call(async () => {
      try {
        return await this.docker.createContainer({
          Image: opts.image,
          Cmd: opts.cmd,
          Env: env,
          WorkingDir: opts.workingDir,
          User: opts.user,
          Labels: opts.labels,
          name: opts.name,
          // No TTY: stdout and stderr stay apart (multiplexed on one stream).
          Tty: false,
          OpenStdin: false,
          AttachStdin: false,
          AttachStdout: true,
          AttachStderr: true,
          HostConfig: {
            Binds: opts.binds,
            NetworkMode: opts.network,
            Memory: opts.memoryBytes,
            // Same as the memory limit: no swap, so exceeding the limit is an OOM kill
            // (as on Kubernetes) rather than a slow crawl.
            MemorySwap: opts.memoryBytes,
            NanoCpus: opts.nanoCpus,
            // Never the engine's AutoRemove: it can delete the container before wait()
            // has read the exit code. We remove it ourselves below.
            AutoRemove: false,
          },
        });
      } catch (err) {
        if (statusOf(err) === 404 && /no such image/i.test(messageOf(err))) {
          throw new ImageNotFoundError(opts.image, 'missing', messageOf(err), { cause: err });
        }
        throw err;
      }
    });

    let result: RunContainerResult | undefined;
    try {
      // Attach BEFORE start: output written between start and a later attach would be lost.
      const stream = await this.call(() => container.attach({ stream: true, stdout: true, stderr: true }));
      const ended = new Promise<void>((resolve) => {
        stream.once('end', resolve);
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      });
      const sink = (which: OutputStream): Writable => {
        // Decode per stream: a multi-byte character may be split across frames.
        const decoder = new StringDecoder('utf8');
        return new Writable({
          write(chunk: Buffer, _enc, cb) {
            const text = decoder.write(chunk);
            if (text) opts.onOutput(which, text);
            cb();
          },
          final(cb) {
            const text = decoder.end();
            if (text) opts.onOutput(which, text);
            cb();
          },
        });
      };
      const out = sink('stdout');
      const err = sink('stderr');
      this.docker.modem.demuxStream(stream, out, err);

      try {
        await this.call(() => container.start());
      } catch (e) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        if (isUnavailable(e) || e instanceof DockerUnavailableError) throw e;
        throw new ContainerStartError(opts.image, opts.cmd, messageOf(e), { cause: e });
      }
      opts.onStart?.(container.id);

      const waited = (await this.call(() => container.wait())) as { StatusCode: number };
      // The attach stream ends once the engine has forwarded the last output; wait for
      // it so no output arrives after we return (bounded: some engines keep it open).
      await withTimeout(ended, 5_000, () => new Error('attach stream did not end')).catch(() => {
        (stream as unknown as { destroy?: () => void }).destroy?.();
      });
      out.end();
      err.end();
      const state = (await this.call(() => container.inspect())).State;
      result = { exitCode: waited.StatusCode, containerId: container.id, oomKilled: Boolean(state?.OOMKilled) };
    } finally {
      if (opts.autoRemove) {
        // A failed removal must not hide the error that got us here.
        const removal = this.removeQuietly(container.id);
        if (result) await removal;
        else await removal.catch(() => undefined);
      }
    }
    return result;
  }

  /** SIGKILL a running container; a container that is gone or already stopped is not an error. */
  async kill(containerId: string): Promise<void> {
    await this.call(async () => {
      try {
        await this.docker.getContainer(containerId).kill();
      } catch (err) {
        const s = statusOf(err);
        if (s === 404 || s === 409) return; // gone, or not running
        throw err;
      }
    });
  }

  /** Force-remove every container (running or not) carrying all these labels; returns their ids. */
  async removeContainers(labelFilter: Record<string, string>): Promise<string[]> {
    const label = Object.entries(labelFilter).map(([k, v]) => `${k}=${v}`);
    if (label.length === 0) throw new TypeError('removeContainers needs at least one label: it would remove every container');
    const found = await this.call(() => this.docker.listContainers({ all: true, filters: { label } }));
    for (const c of found) await this.removeQuietly(c.Id);
    return found.map((c) => c.Id);
  }

  /**
   * Run a throwaway container with no network and return its exit code and output, e.g.
   * `['node', '--version']` to check an image has node. A command the image lacks gives
   * exit code 127 (as a shell would) with the engine's message as output.
   */
  async probeCommand(image: string, cmd: string[], timeoutMs = 60_000): Promise<ProbeResult> {
    let output = '';
    let id: string | undefined;
    const run = this.runContainer({
      image,
      cmd,
      env: {},
      binds: [],
      network: 'none',
      autoRemove: true,
      labels: { 'runnable.probe': 'true' },
      onOutput: (_s, text) => {
        output += text;
      },
      onStart: (cid) => {
        id = cid;
      },
    });
    const timer = setTimeout(() => {
      if (id) void this.kill(id).catch(() => undefined);
    }, timeoutMs);
    try {
      const res = await run;
      return { exitCode: res.exitCode, output };
    } catch (err) {
      if (err instanceof ContainerStartError) return { exitCode: 127, output: err.detail };
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async removeQuietly(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).remove({ force: true, v: true });
    } catch (err) {
      const s = statusOf(err);
      // 404: gone already; 409: a removal is already in progress.
      if (s === 404 || s === 409) return;
      if (isUnavailable(err)) throw new DockerUnavailableError(describeEndpoint(), messageOf(err), { cause: err });
      throw err;
    }
  }
}
