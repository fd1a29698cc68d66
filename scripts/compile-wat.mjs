// WebAssembly text → binary with wabt (SIMD is on by default), shared by build-wasm.mjs and the unit test.
import createWabt from 'wabt';

/** @param {string} text @returns {Promise<Uint8Array>} */
export async function compileWat(text) {
  const wabt = await createWabt();
  const module = wabt.parseWat('simd-kernel.wat', text);
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
