import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../electron/core/api';
import { createCore, type Core } from '../../electron/core/core';
import { AppError } from '../../electron/core/errors';
import { shippedSchemaVersion } from '../support/schema';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;

beforeEach(() => {
  temp = makeTempDir();
  core = createCore({ dataDir: temp.dir });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

describe('dispatcher', () => {
  it('returns the result of a valid call', async () => {
    const result = await core.dispatch('app.info', {});
    expect(result.ok).toBe(true);
    expect(result.ok && result.data).toMatchObject({ dataDir: temp.dir, schemaVersion: shippedSchemaVersion });
  });

  it('treats a missing input as an empty object', async () => {
    expect((await core.dispatch('settings.get', undefined)).ok).toBe(true);
  });

  it('names an unknown method', async () => {
    expect(await core.dispatch('recordings.explode', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown method "recordings.explode".' },
    });
  });

  it('rejects an input that does not match the schema, naming the field', async () => {
    const result = await core.dispatch('settings.update', { language: 'fr' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^Invalid input for settings\.update: language:/);
  });

  it('rejects unknown keys and wrong types without touching stored data', async () => {
    for (const bad of [{ deadAirSeconds: 'five' }, { monthlyQuotaPerAgent: 2.5 }, { surprise: true }, 'text', 42, []]) {
      const result = await core.dispatch('settings.update', bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(await core.call('settings.get', {})).toMatchObject({ deadAirSeconds: 5, monthlyQuotaPerAgent: 10 });
  });

  it('stores a valid change and reports it as an event', async () => {
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => seen.push({ event, payload }));
    await core.call('settings.update', { language: 'en', deadAirSeconds: 7.5 });
    expect(await core.call('settings.get', {})).toMatchObject({ language: 'en', deadAirSeconds: 7.5 });
    expect(seen).toEqual([{ event: 'settings.changed', payload: { language: 'en' } }]);
  });

  it('passes an AppError through and hides unexpected errors behind a logged internal error', async () => {
    const logged: string[] = [];
    const handlers = {
      'app.info': () => {
        throw new AppError('not_found', 'No such recording.');
      },
      'settings.get': () => {
        throw new TypeError('cannot read properties of undefined (secret internals)');
      },
      'settings.update': () => {
        throw new Error('unused');
      },
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers, (method) => logged.push(method));
    expect(await dispatcher.dispatch('app.info', {})).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such recording.' },
    });
    const internal = await dispatcher.dispatch('settings.get', {});
    expect(internal.ok).toBe(false);
    if (internal.ok) return;
    expect(internal.error.code).toBe('internal');
    expect(internal.error.message).not.toMatch(/secret internals|at /);
    expect(logged).toEqual(['settings.get']);
  });

  it('writes unexpected errors to the log file in the data folder', async () => {
    core.db.exec('DROP TABLE settings');
    const result = await core.dispatch('settings.get', {});
    expect(result.ok).toBe(false);
    expect(readFileSync(core.logger.file, 'utf8')).toMatch(/settings\.get failed[\s\S]*no such table: settings/);
  });
});
