/** Where the client is pointed, for messages: DOCKER_HOST or dockerode's default socket. */
export declare function describeEndpoint(): string;
/** No Docker engine answers: the machine's fault (exit 3), with how to start one. */
export declare class DockerUnavailableError extends Error {
    readonly endpoint: string;
    readonly detail: string;
    readonly name = "DockerUnavailableError";
    constructor(endpoint: string, detail: string, options?: ErrorOptions);
}
/** The image is not in the engine and may not (or could not) be pulled. */
export declare class ImageNotFoundError extends Error {
    readonly image: string;
    readonly reason: 'missing' | 'pull-failed';
    readonly detail: string;
    readonly name = "ImageNotFoundError";
    constructor(image: string, reason: 'missing' | 'pull-failed', detail: string, options?: ErrorOptions);
}
/** The engine refused to start the container (a missing program, a bad bind mount). */
export declare class ContainerStartError extends Error {
    readonly image: string;
    readonly cmd: string[];
    readonly detail: string;
    readonly name = "ContainerStartError";
    constructor(image: string, cmd: string[], detail: string, options?: ErrorOptions);
}
/** True for a socket error that means no engine is there. */
export declare function isUnavailable(err: unknown): boolean;
/** The HTTP status of a dockerode error, if it has one. */
export declare function statusOf(err: unknown): number | undefined;
/** The engine's own words for an HTTP error, without dockerode's "(HTTP code 404) no such image -" prefix. */
export declare function messageOf(err: unknown): string;
/** `p`, or the error `onTimeout` makes once `ms` have passed. */
export declare function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T>;
