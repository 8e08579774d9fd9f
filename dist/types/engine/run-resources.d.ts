/** A resource a run owns: closed once, when the run ends (or at once when it is cancelled). */
export interface RunResource {
    close(): Promise<void>;
}
/** Settings every resource of the run is made from. */
export interface RunResourceSettings {
    /** The folder tasks run in (the catalog's compute_data_folder). */
    cwd: string;
    /** The environment tasks start from. */
    env: NodeJS.ProcessEnv;
}
export declare class RunResources {
    readonly settings: RunResourceSettings;
    private readonly owned;
    constructor(settings: RunResourceSettings);
    /** The run's resource under `key`, made by `create` the first time it is asked for. */
    get<T extends RunResource>(key: string, create: (settings: RunResourceSettings) => T): T;
    /** Closes everything the run started (a resource asked for afterwards is refused by the resource itself). Safe to call more than once. */
    close(): Promise<void>;
}
