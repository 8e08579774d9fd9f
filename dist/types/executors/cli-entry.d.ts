/** [node executable, ...arguments before the command]: RUNNABLE_CLI_ENTRY, else the running script. */
export declare function cliEntry(): [string, string[]];
export declare function cliScript(): string;
