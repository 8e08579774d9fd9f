import Docker from 'dockerode';
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
export declare class DockerClient {
    private readonly docker;
    private readonly pingTimeoutMs;
    private readonly pullTimeoutMs;
    constructor(options?: DockerClientOptions);
    /** Run one engine call; a dead socket becomes DockerUnavailableError, anything else is rethrown. */
    private call;
    ping(): Promise<void>;
    imageInfo(name: string): Promise<ImageInfo>;
    /** Make sure the image is in the engine, pulling it when the policy allows; returns its info. */
    ensureImage(name: string, pullPolicy: PullPolicy): Promise<ImageInfo>;
    private pull;
    /**
     * Create, attach, start and wait for one container; output goes to opts.onOutput as it comes.
     * Resolves with the exit code (also for non-zero codes and kills); rejects with
     * ContainerStartError when the engine cannot start it (missing executable, bad bind).
     */
    runContainer(opts: RunContainerOptions): Promise<RunContainerResult>;
    /** SIGKILL a running container; a container that is gone or already stopped is not an error. */
    kill(containerId: string): Promise<void>;
    /** Force-remove every container (running or not) carrying all these labels; returns their ids. */
    removeContainers(labelFilter: Record<string, string>): Promise<string[]>;
    /**
     * Run a throwaway container with no network and return its exit code and output, e.g.
     * `['node', '--version']` to check an image has node. A command the image lacks gives
     * exit code 127 (as a shell would) with the engine's message as output.
     */
    probeCommand(image: string, cmd: string[], timeoutMs?: number): Promise<ProbeResult>;
    private removeQuietly;
}
