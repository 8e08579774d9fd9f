import type { RunnableConfig } from '../../config/config-file.js';
import type { RunContext } from '../../engine/run-context.js';
import type { ContainerSettings } from './container-settings.js';
export declare const CLI_MOUNT = "/opt/runnable";
export declare const RUN_FILES_MOUNT = "/opt/runnable-run";
export interface ContainerLayout {
    /** Docker HostConfig.Binds. */
    binds: string[];
    workingDir?: string;
    /** The pipeline file and the generated configuration, as the container sees them. */
    pipelineFile: string;
    configFile: string;
}
/** Builds layouts and writes one generated configuration per distinct layout into a temp dir (removed by dispose). */
export declare class LayoutBuilder {
    private readonly run;
    private readonly cliDir;
    private readonly hostCwd;
    /** The configuration as the user wrote it (variables filled in); its services are passed on. */
    private readonly raw;
    private readonly dir;
    private readonly configs;
    constructor(run: RunContext, cliDir: string, hostCwd: string, 
    /** The configuration as the user wrote it (variables filled in); its services are passed on. */
    raw: RunnableConfig['services']);
    layout(s: ContainerSettings): ContainerLayout;
    private generatedConfig;
    /** The services whose configuration is passed on to the container, by configuration kind. */
    private services;
    /**
     * The host paths a service declares that the container shares. With the code baked into the image, the data
     * folder is the image's (relative to its working dir), as in runnable.
     */
    private sharedPaths;
    dispose(): void;
}
