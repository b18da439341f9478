import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { NOTE_TEXT_MAX } from '../../shared/limits.js';
import { isId } from '../../shared/records/storedValues.js';
import type { Role } from '../../shared/roles.js';
import { allPillars } from '../../shared/selectors.js';
import type { Access } from '../auth.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { remoteAddressOf } from '../remoteAddress.js';
import { readBoardNotes } from '../suggestions/boardNotes.js';
import { DEFAULT_GRANULARITY } from '../suggestions/suggest.js';
import { SuggestionsBusyError, SuggestionsTimeoutError } from '../suggestions/suggestionWorker.js';
import type { BoardNote, LaneScope } from '../suggestions/workerProtocol.js';
import { type ApiContext, authorize } from './context.js';

/** Who may ask for suggestions: those who may group notes. Viewers only look (403). */
const SUGGESTING_ROLES: readonly Role[] = ['facilitator', 'participant'];
const LANE_SCOPES: readonly LaneScope[] = ['problem', 'goal', 'idea', 'all'];

const similarSchema = z.object({
  pillarId: z.string({ error: 'pillarId must be the id of a pillar of the board' }).refine(isId, {
    error: 'pillarId must be the id of a pillar of the board',
  }),
  text: z
    .string({ error: 'text must be a string' })
    .max(NOTE_TEXT_MAX, `text is over the note length limit (${NOTE_TEXT_MAX} characters)`),
  noteId: z
    .string({ error: 'noteId must be a note id' })
    .refine(isId, { error: 'noteId must be a note id' })
    .optional(),
});

/**
 * `GET /api/boards/<id>/suggestions/groups?pillarId=&lane=problem|goal|idea|all&granularity=0..1` (facilitator or
 * participant): groups of the pillar's notes that belong together, for a person to accept, edit or dismiss
 * (docs/api.md "Suggestions"). Notes already in a cluster are never proposed; notes fitting no group are left out.
 */
export async function suggestGroupsRoute(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, SUGGESTING_ROLES);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const pillarId = query.get('pillarId');
  if (!isId(pillarId)) throw new HttpError(400, 'pillarId must be the id of a pillar of the board');
  const lane = query.get('lane') ?? 'all';
  if (!(LANE_SCOPES as readonly string[]).includes(lane)) {
    throw new HttpError(400, `lane must be one of ${LANE_SCOPES.join(', ')}`);
  }
  const granularityText = query.get('granularity');
  const granularity = granularityText === null ? DEFAULT_GRANULARITY : Number(granularityText);
  if (granularityText === '' || !Number.isFinite(granularity) || granularity < 0 || granularity > 1) {
    throw new HttpError(400, 'granularity must be a number from 0 (細かく, fine) to 1 (大きく, coarse)');
  }
  context.suggestionLimits.take('groups', callerOf(boardId, access, req), res);
  const notes = await boardNotes(context, boardId, pillarId);
  const groups = await analysed(context, () =>
    context.suggestions.groups(boardId, notes, { pillarId, lane: lane as LaneScope, granularity }),
  );
  sendJson(res, 200, { groups });
}

/**
 * `POST /api/boards/<id>/suggestions/similar` `{pillarId, text, noteId?}` (facilitator or participant): up to three
 * notes of the pillar like the text being typed (`noteId`, the note being typed, is left out), so its writer can
 * add to one instead of writing a duplicate.
 */
export async function similarNotesRoute(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, SUGGESTING_ROLES);
  const body = await readJson(
    req,
    similarSchema,
    '{"pillarId": "<pillar id>", "text": "<the note being typed>", "noteId"?: "<its id>"}',
    context.maxBodyBytes,
  );
  context.suggestionLimits.take('similar', callerOf(boardId, access, req), res);
  const notes = await boardNotes(context, boardId, body.pillarId);
  const similar = await analysed(context, () =>
    context.suggestions.similar(boardId, notes, {
      pillarId: body.pillarId,
      text: body.text,
      excludeId: body.noteId ?? null,
    }),
  );
  sendJson(res, 200, { notes: similar });
}

/** One rate per person (personal link) or per shared link and address. */
function callerOf(boardId: string, access: Access, req: IncomingMessage): string {
  return `${boardId}\u0000${access.person?.id ?? `${access.role}\u0000${remoteAddressOf(req)}`}`;
}

/** The board's notes (boardNotes.ts), once the pillar is known to be one of the board's (else 400). */
async function boardNotes(context: ApiContext, boardId: string, pillarId: string): Promise<BoardNote[]> {
  const settings = await context.rooms.join(boardId, 'settings');
  const board = await context.rooms.join(boardId, 'board');
  if (settings.kind !== 'room' || board.kind !== 'room') {
    throw new HttpError(409, 'this board was saved by a newer version of the app');
  }
  if (!allPillars(settings.room.doc).some((pillar) => pillar.id === pillarId)) {
    throw new HttpError(400, 'pillarId must be the id of a pillar of the board');
  }
  return readBoardNotes(board.room.doc);
}

async function analysed<T>(context: ApiContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SuggestionsBusyError) {
      throw new HttpError(503, 'the server is busy with other suggestions; try again in a moment', 'suggestions-busy');
    }
    if (error instanceof SuggestionsTimeoutError) {
      context.log(`suggestions: ${error.message}`);
      throw new HttpError(503, 'the suggestions took too long and were stopped', 'suggestions-timeout');
    }
    throw error;
  }
}
