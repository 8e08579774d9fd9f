// Catalog patterns name files inside the data folder; one that escapes it would read or overwrite other files.
import path from 'node:path';

export function validateCatalogPattern(pattern: string): { message: string; fix: string } | undefined {
  if (path.isAbsolute(pattern) || /^[A-Za-z]:[\\/]/.test(pattern)) {
    return {
      message: `the catalog pattern "${pattern}" is an absolute path.`,
      fix: 'write it relative to the data folder (compute_data_folder, "." by default).',
    };
  }
  if (pattern.split(/[\\/]/).includes('..')) {
    return {
      message: `the catalog pattern "${pattern}" leaves the data folder ("..").`,
      fix: 'name files inside the data folder, or set compute_data_folder in the catalog configuration.',
    };
  }
  return undefined;
}
