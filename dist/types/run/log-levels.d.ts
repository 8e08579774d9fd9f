/** Levels from most to least verbose; WARNING is the default. */
export declare const LOG_LEVELS: string[];
