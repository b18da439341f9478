import type { MeetingTimer, TimerCommand } from '../../shared/records/timer';
import type { Role } from '../../shared/roles';

/** The server's HTTP API (docs/api.md). Components call these through hooks, never fetch directly. */

export interface CreatedBoard {
  id: string;
  title: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** The person behind a personal token (a roster member's link or this browser's guest identity). */
export interface PersonRef {
  id: string;
  name: string;
  kind: 'member' | 'guest';
}

export interface Me {
  boardId: string;
  title: string;
  role: Role;
  person: PersonRef | null;
  canWrite: { board: boolean; settings: boolean };
  /** Archived by the facilitator: read-only for everyone. */
  archived?: boolean;
  /** A stored row of this board failed its checksum: the server cannot serve it until it is restored. */
  damaged?: boolean;
  /** Opened with a link of a later period's board made from this one (read-only): that board. */
  through?: { boardId: string; title: string } | null;
}

export interface Person extends PersonRef {
  role: 'facilitator' | 'participant';
  createdAt: number;
}

export interface IssuedLink {
  token: string;
  link: string;
}

export interface ConnectionSummary {
  byRole: Record<Role, number>;
  people: Array<{ personId: string; name: string; role: Role; kind: PersonRef['kind']; connections: number }>;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: { role: Role; personId: string | null; name: string | null };
  action: string;
  detail: Record<string, unknown>;
}

export interface LockState {
  locked: boolean;
  lockedAt: number | null;
  lockedBy: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's refusal code, when it gives one (e.g. `vote-budget-spent`, docs/api.md). */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

async function readError(response: Response): Promise<ApiError> {
  let reason = response.statusText;
  let code: string | null = null;
  try {
    const body = (await response.json()) as { error?: unknown; code?: unknown };
    if (typeof body.error === 'string') reason = body.error;
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, reason, code);
}

export async function createBoard(title: string): Promise<CreatedBoard> {
  const response = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as CreatedBoard;
}

/**
 * A request to the board's API (`/api/boards/<id><path>`) with the token of this page; resolves with the JSON
 * answer, rejects with an ApiError carrying the server's reason and code. Every feature's API goes through it.
 */
export async function boardApi<T>(
  boardId: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  /** Cancels the request (a newer one replaces it). */
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

export const fetchMe = (boardId: string, token: string) => boardApi<Me>(boardId, token, 'GET', '/me');

/** This browser's own identity on a board joined through a shared link. */
export const createGuest = (boardId: string, linkToken: string, name: string) =>
  boardApi<{ token: string; person: PersonRef }>(boardId, linkToken, 'POST', '/guests', { name });

export const renameSelf = (boardId: string, token: string, name: string) =>
  boardApi<{ person: PersonRef }>(boardId, token, 'PATCH', '/me', { name });

/** The facilitator's API: roster, links, connections, lock and audit log. */
export function facilitatorApi(boardId: string, token: string) {
  const call = <T>(method: string, path: string, body?: unknown) => boardApi<T>(boardId, token, method, path, body);
  const person = (id: string) => `/people/${encodeURIComponent(id)}`;
  return {
    listPeople: () => call<{ people: Person[] }>('GET', '/people').then((r) => r.people),
    addMember: (name: string) => call<IssuedLink & { person: Person }>('POST', '/people', { name }),
    renamePerson: (id: string, name: string) => call<{ person: Person }>('PATCH', person(id), { name }),
    removePerson: (id: string) => call<{ removed: Person }>('DELETE', person(id)),
    regeneratePersonLink: (id: string) => call<IssuedLink>('POST', `${person(id)}/link`),
    regenerateRoleLink: (role: Role) => call<IssuedLink & { role: Role }>('POST', `/links/${role}`),
    connections: () => call<ConnectionSummary>('GET', '/connections'),
    setLock: (locked: boolean) => call<LockState>('PUT', '/lock', { locked }),
    timer: (command: TimerCommand) => call<{ timer: MeetingTimer | null; now: number }>('POST', '/timer', command),
    audit: () => call<{ entries: AuditEntry[] }>('GET', '/audit').then((r) => r.entries),
  };
}

export type FacilitatorApi = ReturnType<typeof facilitatorApi>;

/** A plan as the server answers it (docs/api.md, Plans): never a token. */
export interface PlanSummary {
  id: string;
  name: string;
  firstYear: number;
  years: number;
  periodYears: number;
  periods: { number: number; name: string; first: number; last: number }[];
  boards: { boardId: string; periodNumber: number; workingGroup: string; title: string; archived: boolean }[];
  /** The key that joins another board to the plan: given to the facilitators of its boards only. */
  joinKey?: string;
}

/** The next period's board as made: its links (the facilitator's to open it) and the carried members'. */
export interface NextPeriodBoard {
  id: string;
  title: string;
  links: Record<Role, string>;
  period: { number: number; name: string; first: number; last: number };
  members: { name: string; role: Role; link: string }[];
}

/** Plans: the board's own, making one, joining one of its periods and leaving it. */
export function planApi(boardId: string, token: string) {
  const call = <T>(method: string, path: string, body?: unknown) => boardApi<T>(boardId, token, method, path, body);
  return {
    read: () => call<{ plan: PlanSummary | null }>('GET', '/plan').then((r) => r.plan),
    /** Joins the plan whose join key this is (参加キー), in the period holding `year`. */
    join: (joinKey: string, year: number, workingGroup = '') =>
      call<unknown>('PUT', '/plan', { joinKey, year, workingGroup }),
    /** Moves the board to another period of the plan it is in. */
    moveTo: (planId: string, periodNumber: number, workingGroup: string) =>
      call<unknown>('PUT', '/plan', { planId, periodNumber, workingGroup }),
    leave: () => call<unknown>('DELETE', '/plan'),
    /** 「次期のボードを作る」 (docs/api.md, Plans): the next period's board, its links and the members' new links. */
    nextPeriod: () => call<NextPeriodBoard>('POST', '/next-period'),
    /** A new plan, the board in the period holding `year`. */
    create: (plan: { name: string; firstYear: number; years: number; periodYears: number; year: number }) =>
      call<{ plan: PlanSummary }>('POST', '/plan', plan).then((r) => r.plan),
  };
}

/** The facilitator archives (read-only for everyone) or unarchives the board. */
export async function setBoardArchived(boardId: string, token: string, archived: boolean): Promise<void> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/${archived ? 'archive' : 'unarchive'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await readError(response);
}

/** The facilitator deletes the board for good; the body repeats its id as the server's confirmation. */
export async function deleteBoard(boardId: string, token: string): Promise<void> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ confirm: boardId }),
  });
  if (!response.ok) throw await readError(response);
}

/** The formats of `GET /api/boards/<id>/export` (docs/api.md): documents for everyone allowed, json for the facilitator. */
export type ExportFormat = 'docx' | 'xlsx' | 'csv' | 'csv-initiatives' | 'md' | 'data' | 'json';

/**
 * The name the server gave the file: RFC 6266's `filename*=UTF-8''…` (the Japanese name) first, then the
 * ASCII `filename="…"`, else a name of our own.
 */
export function downloadFilename(disposition: string, fallback: string): string {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // damaged percent-encoding: use the ASCII name
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/** One export of the board, as a file to save (the bytes and the server's file name). */
export async function exportBoard(
  boardId: string,
  token: string,
  format: ExportFormat,
  /** The screen's language: it names the file (議事録メモ_… or Minutes-memo_…). */
  lang: 'ja' | 'en' = 'ja',
): Promise<{ blob: Blob; filename: string }> {
  const query = new URLSearchParams({ format, lang });
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await readError(response);
  const extension = format === 'csv-initiatives' ? 'csv' : format === 'data' ? 'json' : format;
  const filename = downloadFilename(response.headers.get('content-disposition') ?? '', `board-${boardId}.${extension}`);
  return { blob: await response.blob(), filename };
}

/** The facilitator's JSON backup of the whole board (both documents and the audit log), as a file to save. */
export const fetchJsonBackup = (boardId: string, token: string) => exportBoard(boardId, token, 'json');

/**
 * A new board from a JSON backup (`POST /api/boards/import`, the body is the file's text as it is): the same
 * answer as creating a board. The server checks the file; a refusal carries its code (`import-…`).
 */
export async function importBoard(backupText: string): Promise<CreatedBoard> {
  const response = await fetch('/api/boards/import', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: backupText,
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as CreatedBoard;
}

/** Who may create boards on this server (`GET /api/server`, docs/api.md). */
export type BoardCreationMode = 'token' | 'open-network' | 'local';

export async function fetchServerInfo(): Promise<{ boardCreation: BoardCreationMode }> {
  const response = await fetch('/api/server', { cache: 'no-store' });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as { boardCreation: BoardCreationMode };
}

/** The server's clock (ms since the epoch), for showing the meeting timer on the server's time. */
export async function fetchServerTime(): Promise<number> {
  const response = await fetch('/api/time', { cache: 'no-store' });
  if (!response.ok) throw await readError(response);
  return ((await response.json()) as { now: number }).now;
}

/** What this person has seen of the board, from any of their devices (base64 Yjs snapshot), or null. */
export const fetchVisit = (boardId: string, token: string) =>
  boardApi<{ seen: string | null }>(boardId, token, 'GET', '/visit').then((answer) => answer.seen);

/**
 * Reports what this device has seen; answers the union the server keeps. `leaving`: the page is being closed,
 * so the request must outlive it (keepalive).
 */
export async function saveVisit(boardId: string, token: string, seen: string, leaving = false): Promise<string> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/visit`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ seen }),
    keepalive: leaving,
  });
  if (!response.ok) throw await readError(response);
  return ((await response.json()) as { seen: string }).seen;
}
