/**
 * Where esbuild looks in a package's package.json: the ES module build first, so that tree shaking leaves out
 * what a function never uses (most of class-validator's validators and their phone-number data, the SDK's
 * unused commands), then the CommonJS build of packages that have no other.
 */
export const BUNDLE_MAIN_FIELDS = ['module', 'main'] as const;
