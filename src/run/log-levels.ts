// The log levels a run accepts (runnable's names); the CLI flag, the action input and the SDK option share them.

/** Levels from most to least verbose; WARNING is the default. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL'];
