import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCore } from '../../electron/core/core';
import { libraryDirOf } from '../../electron/core/recordings/importer';
import { wavBytes } from '../fixtures/calls';
import { insertRecording, type RecordingSeed } from './recording-rows';

/**
 * One recording in a data folder without the import pipeline: its row (insertRecording) and a second of silence
 * where the row says its audio is, as every imported call's is (the evaluate page loads it as the call opens).
 */
export function seedRecordingWithAudio(dataDir: string, seed: RecordingSeed): string {
  const setup = createCore({ dataDir, transport: 'cli' });
  try {
    const id = insertRecording(setup.db, seed);
    const { library_path: libraryPath } = setup.db
      .prepare('SELECT library_path FROM recordings WHERE id = ?')
      .get(id) as { library_path: string };
    const audio = join(libraryDirOf(dataDir), ...libraryPath.split('/'));
    mkdirSync(dirname(audio), { recursive: true });
    writeFileSync(audio, wavBytes([new Int16Array(8000)]));
    return id;
  } finally {
    setup.close();
  }
}
