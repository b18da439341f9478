import { type JapaneseMessages, jaCore } from './ja.js';
import { jaBetweenMeetings } from './jaBetweenMeetings.js';
import { jaDocuments } from './jaDocuments.js';
import { jaPlanCycle } from './jaPlanCycle.js';
import { jaViews } from './jaViews.js';

/** Every Japanese message: what the server, the exports and the tests use (the page loads them in parts). */
export const ja: JapaneseMessages = { ...jaCore, ...jaPlanCycle, ...jaDocuments, ...jaViews, ...jaBetweenMeetings };
