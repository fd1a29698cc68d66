import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * A committed WebAssembly build (a generated `*-binary.ts` under electron/core/audio): its bytes, and whether they
 * are what its header says they are, built from the given inputs as they are now (a build script or C interface
 * edited without rebuilding leaves a stale binary).
 */
export function committedWasm(binaryTs: string, base64: string, inputs: string[]) {
  const bytes = Buffer.from(base64, 'base64');
  const header = readFileSync(new URL(`../../${binaryTs}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('//'))
    .join('\n');
  const declared = /sha256 of the WebAssembly: ([0-9a-f]{64})/.exec(header)?.[1];
  const stale = inputs.filter(
    (input) => !header.includes(`${sha256(readFileSync(new URL(`../../${input}`, import.meta.url)))}  ${input}`),
  );
  return { bytes, matchesHeader: sha256(bytes) === declared, stale };
}
