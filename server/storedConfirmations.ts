import { encodeStored } from './frames.js';

// Our client shows "saved" only for what the server stored (client/board/pendingChanges.ts). Which of a
// connection's frames that covers is subtle (refused frames, step 2s covering earlier ones): kept in one
// module apart from the message handling, so the rule reads in one place.

/**
 * Numbers one connection's write frames (sync step 2, update) from 1 and tells our client "stored up to N"
 * (MESSAGE.stored, docs/api.md).
 */
export class StoredConfirmations {
  /** Write frames (sync step 2, update) received, numbered from 1; see `confirmStored`. */
  private writeFrames = 0;
  private storedThrough = 0;
  /** The first write frame not stored (refused or dropped) that no stored step 2 has covered yet. */
  private unstoredFrame: number | null = null;
  private lastUnstoredFrame = 0;
  /** `writeFrames` when our latest step 1 was sent: a step 2 received after it answers it. */
  private step1Mark = 0;
  private confirmScheduled = false;

  constructor(
    private readonly send: (frame: Uint8Array) => void,
    /** Only our client understands the confirmation. */
    private readonly ourClient: () => boolean,
  ) {}

  /** A write frame arrived: its number, and for a step 2 the frames it covers. */
  received(isStep2: boolean): { frame: number; covers: number | null } {
    // What a step 2 holds covers the frames received before the step 1 it answers.
    const covers = isStep2 ? this.step1Mark : null;
    const frame = ++this.writeFrames;
    return { frame, covers };
  }

  /** Our step 1 is sent now: a step 2 received after it answers it. */
  step1Sent(): void {
    this.step1Mark = this.writeFrames;
  }

  markUnstored(frame: number): void {
    this.unstoredFrame = this.unstoredFrame === null ? frame : Math.min(this.unstoredFrame, frame);
    this.lastUnstoredFrame = Math.max(this.lastUnstoredFrame, frame);
  }

  /**
   * Write frame `frame` is stored. The client is told which of its frames are stored, so it can say "saved"
   * truthfully (MESSAGE.stored). Frames are stored in the order they came, so "stored up to N" holds unless
   * an earlier frame was refused or dropped; then nothing past it is confirmed until a later step 2 is stored
   * that covers it: a step 2 holds everything its sender had when it answered our step 1, so it covers every
   * frame received before that step 1 (`covers`), unless a frame since was not stored (our client splits a big
   * step 2 into updates ending with the step 2: a piece refused in between is not covered). Should another step
   * 1 of ours cross the pieces (a resync), the step 2 is taken to answer it; the client's answer to that one
   * follows and brings anything a piece lacked.
   */
  confirmStored(frame: number, covers: number | null): void {
    if (covers !== null && this.unstoredFrame !== null && this.lastUnstoredFrame <= covers) this.unstoredFrame = null;
    if (this.unstoredFrame !== null && frame >= this.unstoredFrame) return;
    if (frame <= this.storedThrough) return;
    this.storedThrough = frame;
    if (this.confirmScheduled || !this.ourClient()) return;
    // One confirmation per turn of the event loop: a commit batch stores many frames of one typist at once.
    this.confirmScheduled = true;
    setImmediate(() => {
      this.confirmScheduled = false;
      this.send(encodeStored(this.storedThrough));
    });
  }
}
