// Says what changed between two dag dumps, for the message that refuses to resume a changed pipeline.
type Dump = Record<string, any>;

export function describeDagChanges(before: Dump, after: Dump, prefix = ''): string[] {
  const out: string[] = [];
  const where = prefix ? ` in ${prefix}` : '';
  if (before.start_at !== after.start_at) out.push(`start_at${where} was "${before.start_at}", now "${after.start_at}"`);
  const b: Dump = before.nodes ?? {};
  const a: Dump = after.nodes ?? {};
  for (const name of Object.keys(a)) if (!(name in b)) out.push(`step "${prefix ? `${prefix}.` : ''}${name}" was added`);
  for (const name of Object.keys(b)) if (!(name in a)) out.push(`step "${prefix ? `${prefix}.` : ''}${name}" was removed`);
  for (const name of Object.keys(a)) {
    if (!(name in b)) continue;
    const nb = b[name];
    const na = a[name];
    const full = prefix ? `${prefix}.${name}` : name;
    for (const key of new Set([...Object.keys(nb), ...Object.keys(na)])) {
      if (key === 'branches' || key === 'branch') continue;
      if (JSON.stringify(nb[key]) !== JSON.stringify(na[key])) out.push(`step "${full}" changed its ${key}`);
    }
    if (na.branch || nb.branch) out.push(...describeDagChanges(nb.branch ?? {}, na.branch ?? {}, full));
    const branchKeys = new Set([...Object.keys(nb.branches ?? {}), ...Object.keys(na.branches ?? {})]);
    for (const k of branchKeys) out.push(...describeDagChanges(nb.branches?.[k] ?? {}, na.branches?.[k] ?? {}, `${full}.${k}`));
  }
  return out;
}
