import { readFileSync } from 'node:fs';

/** What every C library we build as a WASI reactor exports besides its own interface. */
export interface ReactorExports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
}

const enosys = 52;
const ebadf = 8;

/**
 * Instantiates one of our C libraries built for wasm32-wasi (mpg123, FFmpeg's decoders): the committed build, or the
 * user's own named by the environment variable `replacement`, which their LGPL licences let anyone substitute. The
 * libraries are fed from memory and never touch files, the clock or the environment: wasi-libc's start-up is told
 * there are no pre-opened folders and an empty environment, and any other WASI call fails with ENOSYS instead of
 * doing anything. Allocates one buffer per entry of `buffers` (bytes) and returns their addresses in order.
 */
export function instantiateReactor<X extends ReactorExports>(
  base64: string,
  replacement: string,
  what: string,
  buffers: number[],
): { x: X; buffers: number[] } {
  const path = process.env[replacement];
  const bytes = new Uint8Array(path ? readFileSync(path) : Buffer.from(base64, 'base64'));
  // Electron and Node have WebAssembly SIMD on every CPU they run on, so a rejection means a damaged module.
  if (!WebAssembly.validate(bytes)) throw new Error(`The ${what} (WebAssembly) could not be loaded.`);
  const module = new WebAssembly.Module(bytes);
  const late: { memory?: WebAssembly.Memory } = {};
  const words = (at: number) => new Uint32Array(late.memory!.buffer, at, 1);
  const wasi: Record<string, (...args: number[]) => number> = {};
  for (const i of WebAssembly.Module.imports(module)) if (i.kind === 'function') wasi[i.name] = () => enosys;
  wasi.fd_prestat_get = () => ebadf;
  wasi.environ_sizes_get = (count, size) => ((words(count)[0] = 0), (words(size)[0] = 0), 0);
  wasi.environ_get = () => 0;
  const x = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi }).exports as unknown as X;
  late.memory = x.memory;
  x._initialize();
  const addresses = buffers.map((size) => x.malloc(size));
  if (addresses.includes(0)) throw new Error(`${what}: out of WebAssembly memory`);
  return { x, buffers: addresses };
}
