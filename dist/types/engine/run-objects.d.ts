import type { RunResource, RunResources } from './run-resources.js';
/** The run's private folder of objects (a run resource, made on first use). */
export declare class RunObjects implements RunResource {
    private readonly dir;
    /** The file of a kept object, or undefined when no task of this run returned it. */
    pathOf(file: string): string | undefined;
    /** Moves a freshly pickled object into the folder (replacing an older one of the same name). */
    keep(file: string, from: string): Promise<void>;
    close(): Promise<void>;
}
/** The run's objects folder. */
export declare function runObjects(resources: RunResources): RunObjects;
