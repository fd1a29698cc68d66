import { z } from 'zod';

export const languageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Every setting with its default; stored values override these key by key. */
export const settingsSchema = z.object({
  language: languageSchema.default('zh-CN'),
  fileNamePattern: z.string().min(1).max(200).default('{agentNo}_{yyyyMMddHHmmss}_{callId}'),
  deadAirSeconds: z.number().min(1).max(120).default(5),
  monthlyQuotaPerAgent: z.number().int().min(1).max(1000).default(10),
});

export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema
  .extend({
    language: languageSchema,
    fileNamePattern: z.string().min(1).max(200),
    deadAirSeconds: z.number().min(1).max(120),
    monthlyQuotaPerAgent: z.number().int().min(1).max(1000),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
