import type { DockerClient, ImageInfo, PullPolicy } from './docker-client.js';
export declare const MIN_NODE_MAJOR = 20;
export interface ImageUse {
    pullPolicy: PullPolicy;
    /** Internal names of the steps that run in it, for messages. */
    steps: string[];
}
/** Pulls (per policy) and checks each image; returns the info of each by name. Throws InfrastructureError. */
export declare function checkImages(client: DockerClient, uses: Map<string, ImageUse>, asInfrastructure: (e: unknown, context: string) => unknown): Promise<Map<string, ImageInfo>>;
