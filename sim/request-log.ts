/** A bounded log of the gateway requests the simulator received, for tests and the control page. */

export interface RequestLogEntry {
  seq: number;
  /** ISO time by the simulator's clock. */
  at: string;
  /** Call name (`click`, `xumo_cancel`, …), or `unknown` for a path the gateway does not have. */
  call: string;
  method: string;
  path: string;
  /** The parsed JSON body, the raw text when it was not JSON, or null when there was none. */
  body: unknown;
  /** What was answered: `success`, `error`, or the fault (`decline`, `hang`, …). */
  answer: string;
}

/** Keeps the last `capacity` entries, oldest first. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 5000) {}

  /** Appends an entry, dropping the oldest beyond the capacity. */
  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.seq += 1;
    const full = { seq: this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  /** Entries, oldest first, optionally only one call's. */
  list(call?: string): RequestLogEntry[] {
    return (call === undefined ? this.entries : this.entries.filter((e) => e.call === call)).map((e) => ({ ...e }));
  }

  /** Empties the log (sequence numbers keep rising so a reader can tell a reset happened). */
  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }
}
