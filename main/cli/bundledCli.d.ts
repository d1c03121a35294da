/** Types of bundledCli.js, which stays plain JavaScript so the bin loads it without type stripping. */
export function currentBundleEntry(bundleDir?: string, root?: string): string | null;
