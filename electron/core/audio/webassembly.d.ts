// The part of the WebAssembly JS API the import kernel and the MP3 decoder use. Node has it globally, but its type definitions leave
// it to the DOM library, which electron/ must not load (the core runs without a DOM).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource);
    static imports(module: Module): { module: string; name: string; kind: string }[];
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: BufferSource): boolean;
  class RuntimeError extends Error {}
}
