/** Kept in step with package.json by tests/unit/version.test.ts; a JSON import would drag the file into bundles. */
export const appVersion = '0.1.0';
