import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseRoomName } from '../../shared/protocol.js';
import type { ClientAddresses } from '../clientAddress.js';
import type { BoardLeases } from './leases.js';
import { HOP_HEADER, proxyRequest, proxyUpgrade } from './proxy.js';

const WS_PREFIX = '/ws/';
const BOARD_API = /^\/api\/boards\/([^/?]+)/;

/** The board a request or websocket is for, from its path; null when it is for no single board. */
export function boardOfPath(url: string | undefined): string | null {
  const path = (url ?? '/').split('?')[0] ?? '/';
  try {
    if (path.startsWith(WS_PREFIX))
      return parseRoomName(decodeURIComponent(path.slice(WS_PREFIX.length)))?.boardId ?? null;
    const match = BOARD_API.exec(path);
    return match ? decodeURIComponent(match[1]!) : null;
  } catch {
    return null; // a malformed escape: handled (and refused) here
  }
}

/**
 * Sends each board's requests and websockets to the process that owns the board (several processes on one
 * PostgreSQL, docs/deploy/scaling.md). With consistent-hash routing by board at the front (nginx), most arrive
 * at the owner already; the others take one hop. A board nobody owns is served here (its room takes the lease).
 */
export class ClusterRouter {
  constructor(
    private readonly leases: BoardLeases,
    private readonly addresses: ClientAddresses,
  ) {}

  /** The owner's address when another process should handle this request; null to handle it here. */
  private async elsewhere(req: IncomingMessage): Promise<string | null> {
    if (req.headers[HOP_HEADER]) return null; // passed by another process: never passed on again
    const boardId = boardOfPath(req.url);
    if (!boardId) return null;
    try {
      return (await this.leases.ownerOf(boardId))?.address ?? null;
    } catch {
      return null; // the database is out of reach: served here, where it is answered as such
    }
  }

  async request(req: IncomingMessage, res: ServerResponse, here: () => void): Promise<void> {
    const owner = await this.elsewhere(req);
    if (owner) proxyRequest(req, res, owner, this.addresses.of(req));
    else here();
  }

  async upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    route: { here: () => void; passed: () => void },
  ): Promise<void> {
    const owner = await this.elsewhere(req);
    if (!owner) return route.here();
    route.passed();
    proxyUpgrade(req, socket, head, owner, this.addresses.of(req));
  }
}
