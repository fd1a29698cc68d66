/** WebAssembly text to binary with wabt (see compile-wat.mjs). */
export function compileWat(text: string): Promise<Uint8Array>;
