import type { IncomingMessage, ServerResponse } from 'node:http';
import { archiveBoard, deleteBoard, unarchiveBoard } from './boardAdmin.js';
import { readBoardState, readSettingsState } from './boardState.js';
import { createGuest, me, renameSelf } from './boards.js';
import type { ApiContext } from './context.js';
import { exportBoard } from './export.js';
import { readAudit, readLock, writeLock } from './facilitation.js';
import { createNextPeriodBoard } from './nextPeriod.js';
import {
  addMember,
  listConnections,
  listPeople,
  readRoster,
  regeneratePersonLink,
  regenerateRoleLink,
  removePerson,
  renamePerson,
} from './people.js';
import { readPlanOverview } from './planOverview.js';
import { attachBoard, createPlanForBoard, detachBoard, readBoardPlanApi } from './plans.js';
import {
  closeScoringRound,
  deleteScore,
  openScoringRound,
  putScore,
  readScoring,
  revealScoringRound,
} from './scoring.js';
import { deleteSnapshot, listSnapshots, readSnapshot, restoreSnapshot, saveSnapshot } from './snapshots.js';
import { similarNotesRoute, suggestGroupsRoute } from './suggestions.js';
import { timerCommand } from './timer.js';
import { readVisit, writeVisit } from './visit.js';
import { castDot, closeRound, openRound, readVoting, revealRound, withdrawDot } from './voting.js';
import { deleteWebhook, readWebhook, sendWebhookNow, writeWebhook } from './webhook.js';

export type Handler = (context: ApiContext, req: IncomingMessage, res: ServerResponse, ...params: string[]) => unknown;

/** The board API: path pattern (after `/api/boards/<id>`) → handler per method. */
export const BOARD_ROUTES: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
  { pattern: /^$/, methods: { DELETE: deleteBoard } },
  { pattern: /^\/archive$/, methods: { POST: archiveBoard } },
  { pattern: /^\/unarchive$/, methods: { POST: unarchiveBoard } },
  { pattern: /^\/me$/, methods: { GET: me, PATCH: renameSelf } },
  { pattern: /^\/guests$/, methods: { POST: createGuest } },
  { pattern: /^\/state$/, methods: { GET: readBoardState } },
  { pattern: /^\/state\/settings$/, methods: { GET: readSettingsState } },
  { pattern: /^\/people$/, methods: { GET: listPeople, POST: addMember } },
  { pattern: /^\/roster$/, methods: { GET: readRoster } },
  { pattern: /^\/people\/([^/]+)$/, methods: { PATCH: renamePerson, DELETE: removePerson } },
  { pattern: /^\/people\/([^/]+)\/link$/, methods: { POST: regeneratePersonLink } },
  { pattern: /^\/links\/([^/]+)$/, methods: { POST: regenerateRoleLink } },
  { pattern: /^\/connections$/, methods: { GET: listConnections } },
  { pattern: /^\/lock$/, methods: { GET: readLock, PUT: writeLock } },
  { pattern: /^\/audit$/, methods: { GET: readAudit } },
  { pattern: /^\/timer$/, methods: { POST: timerCommand } },
  { pattern: /^\/visit$/, methods: { GET: readVisit, PUT: writeVisit } },
  { pattern: /^\/export$/, methods: { GET: exportBoard } },
  { pattern: /^\/next-period$/, methods: { POST: createNextPeriodBoard } },
  {
    pattern: /^\/plan$/,
    methods: { GET: readBoardPlanApi, POST: createPlanForBoard, PUT: attachBoard, DELETE: detachBoard },
  },
  { pattern: /^\/plan\/overview$/, methods: { GET: readPlanOverview } },
  { pattern: /^\/voting$/, methods: { GET: readVoting } },
  { pattern: /^\/voting\/rounds$/, methods: { POST: openRound } },
  { pattern: /^\/voting\/rounds\/([^/]+)\/close$/, methods: { POST: closeRound } },
  { pattern: /^\/voting\/rounds\/([^/]+)\/reveal$/, methods: { POST: revealRound } },
  { pattern: /^\/voting\/rounds\/([^/]+)\/dots\/([^/]+)$/, methods: { POST: castDot, DELETE: withdrawDot } },
  { pattern: /^\/scoring$/, methods: { GET: readScoring } },
  { pattern: /^\/scoring\/rounds$/, methods: { POST: openScoringRound } },
  { pattern: /^\/scoring\/rounds\/([^/]+)\/close$/, methods: { POST: closeScoringRound } },
  { pattern: /^\/scoring\/rounds\/([^/]+)\/reveal$/, methods: { POST: revealScoringRound } },
  { pattern: /^\/scoring\/rounds\/([^/]+)\/scores\/([^/]+)$/, methods: { PUT: putScore, DELETE: deleteScore } },
  { pattern: /^\/webhook$/, methods: { GET: readWebhook, PUT: writeWebhook, DELETE: deleteWebhook } },
  { pattern: /^\/webhook\/send$/, methods: { POST: sendWebhookNow } },
  { pattern: /^\/snapshots$/, methods: { GET: listSnapshots, POST: saveSnapshot } },
  { pattern: /^\/snapshots\/([^/]+)$/, methods: { GET: readSnapshot, DELETE: deleteSnapshot } },
  { pattern: /^\/snapshots\/([^/]+)\/restore$/, methods: { POST: restoreSnapshot } },
  { pattern: /^\/suggestions\/groups$/, methods: { GET: suggestGroupsRoute } },
  { pattern: /^\/suggestions\/similar$/, methods: { POST: similarNotesRoute } },
];
