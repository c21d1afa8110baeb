/** Name patterns in the settings (functions, resources, routes): one glob dialect everywhere. */

/** Glob match for function names: `*` any run, `?` one character. */
export function matchesAny(name: string, patterns: string[]): boolean {
  return patterns.some((p) => globToRegExp(p).test(name));
}

const globCache = new Map<string, RegExp>();
function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    globCache.set(glob, re);
  }
  return re;
}
