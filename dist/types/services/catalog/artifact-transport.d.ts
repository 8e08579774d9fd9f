/** One artifact as the catalog sees it: its name, an id to download it by, and when it was made. */
export interface ArtifactRef {
    name: string;
    id: number;
    /** Which workflow run holds it: 'current', or the id of an earlier workflow run (a resumed run). */
    source: string;
    createdAt?: Date;
}
/** Upload, list and download artifacts of the current workflow run (and, read-only, of one earlier run). */
export interface ArtifactTransport {
    /** Uploads `files` (absolute, under `rootDirectory`) as one artifact; their paths inside it stay relative to the root. */
    upload(name: string, files: string[], rootDirectory: string): Promise<void>;
    /** Artifacts whose name starts with `prefix`, in the current run and the earlier run given to the transport, oldest first. */
    list(prefix: string): Promise<ArtifactRef[]>;
    /** Extracts an artifact into `destination`. */
    download(artifact: ArtifactRef, destination: string): Promise<void>;
}
