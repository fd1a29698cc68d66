import type { Database } from 'better-sqlite3';
import { settingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings';

export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;

  constructor(private readonly db: Database) {
    this.selectAll = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings');
    this.upsert = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value_json) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
  }

  /** A stored value that no longer fits the schema falls back to its default rather than breaking start-up. */
  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of this.selectAll.all()) {
      try {
        stored[row.key] = JSON.parse(row.value_json);
      } catch {
        // unreadable value: keep the default
      }
    }
    const shape = settingsSchema.shape;
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
      const parsed = shape[key].safeParse(stored[key]);
      if (parsed.success) merged[key] = parsed.data;
    }
    return settingsSchema.parse(merged);
  }

  update(patch: SettingsPatch): Settings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) this.upsert.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }
}
