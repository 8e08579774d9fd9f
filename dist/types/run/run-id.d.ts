export declare function generateRunId(now?: Date): string;
/** A run id names files and folders: keep it to characters that are safe there. */
export declare function checkRunId(runId: string, from: string): string;
