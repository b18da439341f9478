import type { Role } from '../../shared/roles';

/** The server's HTTP API (docs/api.md). Components call these through hooks, never fetch directly. */

export interface CreatedBoard {
  id: string;
  title: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

export interface Me {
  boardId: string;
  title: string;
  role: Role;
  canWrite: { board: boolean; settings: boolean };
  /** Archived by the facilitator: read-only for everyone. */
  archived?: boolean;
  /** A stored row of this board failed its checksum: the server cannot serve it until it is restored. */
  damaged?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readError(response: Response): Promise<ApiError> {
  let reason = response.statusText;
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') reason = body.error;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, reason);
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

export async function fetchMe(boardId: string, token: string): Promise<Me> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as Me;
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
