import { z } from 'zod';

export const languageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Every setting with its default; stored values override these key by key. */
export const settingsSchema = z.object({
  language: languageSchema.default('zh-CN'),
  fileNamePattern: z.string().min(1).max(200).default('{agentNo}_{yyyyMMddHHmmss}_{callId}'),
  deadAirSeconds: z.number().min(1).max(120).default(5),
  /** Dialogic VOX files have no header: the rate they were recorded at (a manifest's 采样率 column overrides it). */
  voxSampleRate: z.union([z.literal(6000), z.literal(8000)]).default(8000),
  monthlyQuotaPerAgent: z.number().int().min(1).max(1000).default(10),
  /** Report alerts: an agent's average fell by more than this many points from the previous month. */
  reportDropPoints: z.number().min(0.5).max(100).default(5),
  /** Report alerts and the red cells of exports: an average below this score. */
  reportBelowScore: z.number().min(0).max(100).default(80),
  /** Report alerts: a section whose average fell month after month over this many months. */
  reportTrendMonths: z.number().int().min(2).max(12).default(3),
});

export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema
  .extend({
    language: languageSchema,
    fileNamePattern: z.string().min(1).max(200),
    deadAirSeconds: z.number().min(1).max(120),
    voxSampleRate: z.union([z.literal(6000), z.literal(8000)]),
    monthlyQuotaPerAgent: z.number().int().min(1).max(1000),
    reportDropPoints: z.number().min(0.5).max(100),
    reportBelowScore: z.number().min(0).max(100),
    reportTrendMonths: z.number().int().min(2).max(12),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
