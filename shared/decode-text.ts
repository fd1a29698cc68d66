/**
 * Text files as spreadsheets in China save them: UTF-8 (with or without BOM), UTF-16 with BOM, and otherwise GB18030
 * (a superset of GBK, Excel's default there). One decoder for the app's manifests and call-back lists and the
 * server's roster imports; TextDecoder is in Node and every browser, so nothing here needs a library.
 */

/** The WHATWG TextDecoder both Node and browsers have (shared/ compiles without either's type library). */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}

export function decodeSpreadsheetText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
