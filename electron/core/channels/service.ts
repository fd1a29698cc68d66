/**
 * Chats and store visits enter the library here: a chat log is read whole (every bad line reported, nothing half
 * imported), kept under the library by its SHA-256 like audio, and its messages stored; a visit is entered by hand.
 * Both become rows the evaluate page, reports and sync treat like calls (shared/channels.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { channelsContract } from '../../../shared/contracts/channels';
import type { ChatImportResult, ChatTranscript, StoreVisit, VisitPhoto } from '../../../shared/channels';
import type { CoreContext, HandlersFor } from '../context';
import { AppError } from '../errors';
import { AgentsRepository } from '../recordings/agents-repo';
import { placeDurably } from '../recordings/durable-file';
import { libraryDirOf } from '../recordings/importer';
import { decodeText } from '../recordings/manifest';
import { RecordingsRepository } from '../recordings/repo';
import { assignRoles, ChatParseError, chatFormatOf, parseChatLog } from './chat-parse';
import { resolveLibraryFile } from '../media/library-path';
import { placePhotos, readPhotos } from './photos';
import { ContactsRepository } from './repo';

const maxChatBytes = 20 * 1024 * 1024;

export function createChannelsHandlers(ctx: CoreContext): HandlersFor<keyof typeof channelsContract> {
  const contacts = new ContactsRepository(ctx.db);
  const recordings = new RecordingsRepository(ctx.db);
  const agents = new AgentsRepository(ctx.db);
  const libraryDir = libraryDirOf(ctx.dataDir);

  const mustBe = (id: string, channel: 'chat' | 'store') => {
    const found = contacts.channel(id);
    if (!found) throw new AppError('not_found', `No contact with id ${id}.`);
    if (found !== channel) throw new AppError('invalid_input', `Contact ${id} is a ${found}, not a ${channel}.`);
  };

  const transcript = (id: string): ChatTranscript => {
    const messages = contacts.messages(id);
    return { recordingId: id, messages, speakers: [...new Set(messages.map((m) => m.speaker))] };
  };

  return {
    'chats.import': async (input): Promise<ChatImportResult> => {
      const format = chatFormatOf(input.path);
      if (!format) throw new AppError('invalid_input', 'A chat log is a .txt, .csv or .json file.', 'chat_format');
      let size: number;
      try {
        size = (await stat(input.path)).size;
      } catch {
        throw new AppError('not_found', `${input.path} cannot be read.`, 'unreadable');
      }
      if (size > maxChatBytes) throw new AppError('invalid_input', 'The chat log is over 20 MB.', 'chat_too_big');
      const bytes = await readFile(input.path);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = recordings.findBySha(sha256);
      if (existing) {
        return { id: existing, duplicate: true, messages: contacts.messages(existing).length, agentSpeaker: null };
      }
      let parsed;
      try {
        parsed = parseChatLog(decodeText(bytes), format, input);
      } catch (error) {
        if (!(error instanceof ChatParseError)) throw error;
        throw new AppError(
          'invalid_input',
          error.message,
          'chat_parse',
          error.problems.map((p) => ({ code: p.code, itemId: '', line: p.line })),
        );
      }
      const libraryPath = `${sha256.slice(0, 2)}/${sha256}.${format}`;
      const target = join(libraryDir, ...libraryPath.split('/'));
      if (!existsSync(target)) {
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        await placeDurably(input.path, `${target}.part`, target, () => {});
      }
      const id = randomUUID();
      contacts.insertChat(
        {
          id,
          channel: 'chat',
          sha256,
          fileName: basename(input.path).slice(0, 500),
          libraryPath,
          sizeBytes: bytes.byteLength,
          format: `chat-${format}`,
          durationMs: parsed.messages.at(-1)?.atMs ?? 0,
          callId: input.callId ?? null,
          agentNo: input.agentNo ?? null,
          startedAt: parsed.startedAt ?? input.startedAt ?? null,
          category: input.category ?? null,
        },
        parsed.messages,
        () => {
          if (input.agentNo) agents.ensure(input.agentNo, input.agentName);
        },
      );
      return { id, duplicate: false, messages: parsed.messages.length, agentSpeaker: parsed.agentSpeaker };
    },
    'chats.transcript': ({ id }) => {
      mustBe(id, 'chat');
      return transcript(id);
    },
    'chats.setAgentSpeaker': ({ id, speaker }) => {
      mustBe(id, 'chat');
      const messages = contacts.messages(id);
      if (!messages.some((m) => m.speaker === speaker)) {
        throw new AppError('invalid_input', `Nobody called ${speaker} speaks in this chat.`);
      }
      // The inspector's word replaces what the log or the guess said; system messages stay system.
      const unassigned = messages.map((m) => ({ speaker: m.speaker, role: m.role === 'system' ? m.role : null }));
      contacts.setRoles(id, assignRoles(unassigned, speaker));
      return transcript(id);
    },
    'visits.create': async (input): Promise<StoreVisit> => {
      // Every photo is checked before anything is written; then copied, then the visit committed with their rows.
      const photos = await readPhotos(input.photos ?? []);
      await placePhotos(libraryDir, photos);
      const id = randomUUID();
      const visit = {
        storeName: input.storeName,
        visitor: input.visitor,
        visitDate: input.visitDate,
        notes: input.notes?.trim() ?? '',
      };
      contacts.insertStoreVisit(
        {
          id,
          channel: 'store',
          // A visit has no file: its own id stands in for the content hash the column requires to be unique.
          sha256: createHash('sha256').update(`store-visit:${id}`).digest('hex'),
          fileName: `${input.storeName} ${input.visitDate}`.slice(0, 500),
          libraryPath: '',
          sizeBytes: 0,
          format: 'visit',
          durationMs: 0,
          callId: input.callId ?? null,
          agentNo: input.agentNo ?? null,
          startedAt: `${input.visitDate}T${input.visitTime ?? '00:00'}:00`,
          category: input.category ?? null,
        },
        visit,
        photos,
        () => {
          if (input.agentNo) agents.ensure(input.agentNo, input.agentName);
        },
      );
      return contacts.visit(id)!;
    },
    'visits.photo': async ({ id, seq }): Promise<VisitPhoto> => {
      mustBe(id, 'store');
      const photo = contacts.photo(id, seq);
      if (!photo) throw new AppError('not_found', `Visit ${id} has no photo ${seq}.`);
      const path = await resolveLibraryFile(libraryDir, photo.libraryPath);
      return { mime: photo.mime, base64: (await readFile(path)).toString('base64') };
    },
    'visits.get': ({ id }) => {
      mustBe(id, 'store');
      return contacts.visit(id)!;
    },
  };
}
