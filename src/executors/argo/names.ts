// Kubernetes / Argo names for the pieces of a generated Workflow: lowercase DNS-1123 labels, deterministic (a short
// FNV-1a hash of the internal name instead of runnable's six random characters, so the same pipeline always gives
// the same YAML), short enough that `<workflow>-<template>-<hash>` pod names stay valid.

/** The longest template or task name we emit (Argo allows 128; pod names embed the template name). */
export const MAX_NAME = 40;
/** generateName: the server appends 5 characters and the name must stay within 63 (it becomes a label value). */
export const MAX_GENERATE_NAME = 57;
/** A CronWorkflow's name: Argo appends `-<unix time>` to it for each workflow. */
export const MAX_CRON_NAME = 52;

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** 32-bit FNV-1a of a string, as hex. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Lowercase letters, digits and single dashes; never empty, never starting with a digit or a dash. */
export function sanitize(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!s) return 'step';
  return /^[0-9]/.test(s) ? `s-${s}` : s;
}

/** `<readable part>-<hash>`: readable from `label`, unique by `identity`, within MAX_NAME. */
export function uniqueName(label: string, identity: string, hashLength = 6): string {
  const hash = fnv1a(identity).slice(0, hashLength);
  const head = sanitize(label)
    .slice(0, MAX_NAME - hashLength - 1)
    .replace(/-+$/, '');
  return `${head}-${hash}`;
}

/** The generateName a user gave, as Kubernetes accepts it, or a message saying why not. */
export function checkGenerateName(name: string): string | undefined {
  if (!name.endsWith('-')) return `generateName "${name}" should end with "-" (the server appends 5 random characters).`;
  if (name.length > MAX_GENERATE_NAME)
    return `generateName "${name}" is ${name.length} characters; at most ${MAX_GENERATE_NAME} keep workflow names within 63.`;
  if (!DNS_LABEL.test(name.slice(0, -1)))
    return `generateName "${name}" must be lowercase letters, digits and "-", starting with a letter or digit.`;
  return undefined;
}
