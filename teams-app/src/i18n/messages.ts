// The Teams app's own strings; the shared ones (web-shared/src/i18n/messages) come with createI18n.
import en from './en-US.json';
import fi from './fi-FI.json';
import type { MessageBundle } from '../../../web-shared/src/index.ts';

const messages: MessageBundle = { 'en-US': en, 'fi-FI': fi };
export default messages;
