/** G.711 expansion tables (ITU-T G.711), built once: decoding is then one lookup per byte. */
function alawToLinear(value: number): number {
  const a = value ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  magnitude += exponent === 0 ? 8 : 0x108;
  if (exponent > 1) magnitude <<= exponent - 1;
  return a & 0x80 ? magnitude : -magnitude;
}

function mulawToLinear(value: number): number {
  const u = ~value & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << exponent;
  return u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
}

export const alawTable = Int16Array.from({ length: 256 }, (_, i) => alawToLinear(i));
export const mulawTable = Int16Array.from({ length: 256 }, (_, i) => mulawToLinear(i));
