import type { DataCatalog } from '../run-log/model.js';
import type { ArtifactTransport } from './artifact-transport.js';
import { FileSystemCatalog } from './file-system-catalog.js';
/** `+` cannot appear in a run id, so one run's prefix never matches another's. */
export declare const artifactPrefix: (runId: string, what: "catalog" | "run-log") => string;
/** A step's internal name as an artifact name part (GitHub refuses `" : < > | * ? \ /` and line breaks). */
export declare function artifactSafe(text: string): string;
export declare class GitHubArtifactsCatalog extends FileSystemCatalog {
    private readonly transport;
    readonly type = "github-artifacts";
    /** Artifacts already in the working copy (downloaded, or uploaded from here), by name. */
    private readonly seen;
    constructor(config: {
        catalog_location?: string;
        compute_data_folder?: string;
    }, transport: ArtifactTransport);
    /** Downloads the run's catalog artifacts that are not in the working copy yet. */
    pull(runId: string): Promise<void>;
    /** Uploads what a step attempt stored (paths relative to the run's catalog folder) as one artifact. */
    push(runId: string, step: string, attempt: number, relPaths: string[]): Promise<void>;
    get(runId: string, pattern: string): Promise<DataCatalog[]>;
}
