// The package root: the library is built into dist/cli beside the CLI, sharing its chunks (scripts/build.mjs).
export * from '../cli/lib.js';
