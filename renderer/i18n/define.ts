/** A feature's messages in both languages; the English side must have exactly the Chinese side's keys. */
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: { [K in keyof Z]: string }) {
  return { 'zh-CN': zh, en };
}

/** One message per code under a prefix (`reports.error.not_found` …), so a code is always translatable by key. */
export function byCode<P extends string, C extends string>(
  prefix: P,
  messages: Record<C, string>,
): Record<`${P}.${C}`, string> {
  return Object.fromEntries(Object.entries(messages).map(([code, text]) => [`${prefix}.${code}`, text])) as Record<
    `${P}.${C}`,
    string
  >;
}
