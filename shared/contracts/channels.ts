import { z } from 'zod';
import {
  chatAgentSpeakerInputSchema,
  chatImportInputSchema,
  storeVisitInputSchema,
  type ChatImportResult,
  type ChatTranscript,
  visitPhotoInputSchema,
  type StoreVisit,
  type VisitPhoto,
} from '../channels';
import { method } from './define';

const idInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const channelsContract = {
  'chats.import': method<ChatImportResult>()(
    chatImportInputSchema,
    'Import one chat log (txt, csv or json; UTF-8 or GBK) into the library; every bad line is refused by number ' +
      '(reason chat_parse, details [{code, line}]) and nothing is imported. The same file again is a duplicate.',
  ),
  'chats.transcript': method<ChatTranscript>()(idInput, "A chat's messages in order, with each one's role."),
  'chats.setAgentSpeaker': method<ChatTranscript>()(
    chatAgentSpeakerInputSchema,
    'Say which speaker of a chat is the agent; the others become the customer.',
  ),
  'visits.create': method<StoreVisit>()(
    storeVisitInputSchema,
    'Enter a store visit (神秘顾客/暗访): store, date, visitor, optionally the staff member scored and photos ' +
      '(refused by position with reason photos, details [{code, line}], when not an image or over 10 MB).',
  ),
  'visits.get': method<StoreVisit>()(idInput, "A store visit's details and its photos' list."),
  'visits.photo': method<VisitPhoto>()(visitPhotoInputSchema, "One of a store visit's photos."),
};
