// Flags shared by the commands that run or read a pipeline, with runnable's old spellings kept working.
import type { FlagSpec } from './args.js';

export const CONFIG_FLAG: FlagSpec = { name: 'config', spellings: ['-c', '--config', '--config-file'], takesValue: true };
export const PARAMETERS_FLAG: FlagSpec = { name: 'parameters', spellings: ['-p', '--parameters', '--parameters-file'], takesValue: true };
export const TAG_FLAG: FlagSpec = { name: 'tag', spellings: ['--tag'], takesValue: true };
export const LOG_LEVEL_FLAG: FlagSpec = { name: 'log-level', spellings: ['--log-level'], takesValue: true };
export const FILE_FLAG: FlagSpec = { name: 'file', spellings: ['-f', '--file'], takesValue: true };
export const RUN_ID_FLAG: FlagSpec = { name: 'run-id', spellings: ['--run-id'], takesValue: true };
export const FORMAT_FLAG: FlagSpec = { name: 'format', spellings: ['--format'], takesValue: true };
export const OUTPUT_FLAG: FlagSpec = { name: 'output', spellings: ['-o', '--output'], takesValue: true };
// `runnable execute` with the argo executor: over the configuration's submit / wait / detach
export const SUBMIT_FLAG: FlagSpec = { name: 'submit', spellings: ['--submit'], takesValue: false };
export const WAIT_FLAG: FlagSpec = { name: 'wait', spellings: ['--wait'], takesValue: false };
export const DETACH_FLAG: FlagSpec = { name: 'detach', spellings: ['--detach'], takesValue: false };
