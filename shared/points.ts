/** Points as integer hundredths: every score is computed on these, so no float drift reaches a total. */
export const hundredths = (points: number): number => Math.round(points * 100);

/** Hundredths back to a short decimal for messages: 1250 → "12.5", 1000 → "10". */
export const formatHundredths = (h: number): string => (h / 100).toFixed(2).replace(/\.?0+$/, '');
