import { describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/core/events';

describe('the core’s event bus', () => {
  it('keeps delivering when one subscriber throws, and reports that subscriber’s error instead of dropping it', () => {
    const failures: string[] = [];
    const bus = new EventBus((event, error) => failures.push(`${event}: ${(error as Error).message}`));
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('window closed');
    });
    bus.subscribe((_event, payload) => seen.push((payload as { imported: number }).imported));
    bus.emit('recordings.changed', { imported: 3 });
    expect(seen).toEqual([3]);
    expect(failures).toEqual(['recordings.changed: window closed']);
  });
});
