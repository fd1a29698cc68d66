import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli';

/**
 * Where e2e tests write the screenshots a person looks at (QA_SCREENSHOTS, else tests/.tmp/screenshots, which git
 * ignores); the path is printed so it shows in the test output.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.QA_SCREENSHOTS ?? join(repoRoot, 'tests', '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  console.log(`screenshot: ${path}`);
  return path;
}
