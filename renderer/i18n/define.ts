/** A feature's messages in both languages; the English side must have exactly the Chinese side's keys. */
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: { [K in keyof Z]: string }) {
  return { 'zh-CN': zh, en };
}
