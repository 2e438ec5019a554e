/**
 * Keyboard-wedge scanner input: a USB 2D scanner "types" the code much faster than a person and ends with
 * Enter. Bursts are taken out of the keyboard stream so they neither land in a focused field nor press a
 * focused button; slow human typing passes through untouched.
 */

export interface WedgeReaderOptions {
  /** Called once per complete burst with the code exactly as typed (case and symbols kept). */
  onScan(code: string): void;
  /** Longest gap between two keys of one burst. Scanners send every 5–20 ms; people rarely under 50 ms. */
  maxGapMs?: number;
  /** Shortest code accepted; shorter bursts ending in Enter are let through as typing. */
  minLength?: number;
  /** Where keys are listened for (capture phase, so this runs before anything else on the page). */
  target?: EventTarget;
  /** Clock in milliseconds; tests pass a fake. Default: the event's own time stamp. */
  now?: () => number;
  /**
   * What the hand scanner types for the GS1 group separator inside a marking code (config
   * `scanner.gsCharacter`): a text such as "<GS>", "^]" or "~", or "F8" for scanners that press F8. It is
   * turned into the real separator (U+001D). A real GS character and Ctrl+] (the keyboard's GS) always are.
   */
  gsCharacter?: string;
}

/** The GS1 group separator inside marking codes. */
const GS = '\u001d';

/** The code with the scanner's configured GS text turned into real separators. */
export function mapGsText(code: string, gsCharacter: string | undefined): string {
  if (gsCharacter === undefined || gsCharacter === '' || gsCharacter === GS || gsCharacter === 'F8') return code;
  return code.split(gsCharacter).join(GS);
}

/** The separator a key stands for in a burst (Ctrl+], a GS key, F8 when so configured), or null. */
function gsKey(event: KeyboardEvent, gsCharacter: string | undefined): string | null {
  if (event.key === GS) return GS;
  if (event.ctrlKey && !event.altKey && !event.metaKey && (event.key === ']' || event.code === 'BracketRight')) return GS;
  if (gsCharacter === 'F8' && event.key === 'F8') return GS;
  return null;
}

// Keys a scanner may send between characters (Shift for capitals and symbols) that do not break a burst.
const neutralKeys = new Set(['Shift', 'CapsLock']);
// A burst is recognised after this many fast characters: two keys can come close together when a person
// rolls over, three in a row under maxGapMs do not.
const recogniseAfter = 3;

type Editable = HTMLInputElement | HTMLTextAreaElement;

function focusedEditable(): Editable | null {
  if (typeof document === 'undefined') return null;
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el;
  return null;
}

/**
 * Starts listening for scanner bursts.
 * @returns stop: removes the listener; nothing else is left running.
 */
export function startWedgeReader(options: WedgeReaderOptions): { stop(): void } {
  const { onScan, maxGapMs = 35, minLength = 4 } = options;
  const target = options.target ?? window;
  // The event's time stamp is when the key arrived, not when a busy main thread got round to it: a stall
  // between two handler calls must not split one scan in two.
  const now = (event: Event) => options.now?.() ?? (event.timeStamp > 0 ? event.timeStamp : performance.now());

  let buffer = '';
  let lastAt = -Infinity;
  let swallowing = false;
  // Set when a recognised burst broke off before its Enter: what follows is the tail of a code, not a code,
  // and charging it would charge the wrong code. The tail is swallowed and dropped; the customer scans again.
  let tail = false;
  // The focused field's value before the burst's first keys, which arrive before the burst is recognised
  // and so reach the field; restored once the burst is recognised.
  let fieldBefore: { field: Editable; value: string } | null = null;

  // Set after a burst's Enter: keys still arriving at scanner speed belong to the scanner (a QR with a line break
  // in it, or a second code), so they are swallowed from the first one, never typed or pressed on the page.
  let ended = false;

  const reset = () => {
    buffer = '';
    swallowing = false;
    fieldBefore = null;
    tail = false;
    ended = false;
  };

  const swallow = (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    event.stopImmediatePropagation();
  };

  const onKeyDown = (event: Event) => {
    if (!(event instanceof KeyboardEvent)) return;
    if (neutralKeys.has(event.key)) return;
    const at = now(event);
    const fast = at - lastAt <= maxGapMs;
    lastAt = at;

    // A key right behind a recognised burst's keys is part of the scan, whatever it is.
    const inBurst = swallowing && fast;

    if (event.key === 'Enter') {
      const complete = inBurst && buffer.length >= minLength;
      const code = buffer;
      const wasTail = tail;
      if (inBurst) swallow(event);
      reset();
      if (inBurst) {
        swallowing = true;
        ended = true;
      }
      if (complete && !wasTail) onScan(mapGsText(code, options.gsCharacter));
      return;
    }

    // Inside a burst a GS key is one more character of the code, not a shortcut.
    const separator = gsKey(event, options.gsCharacter);
    const printable = separator !== null || (event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey);
    if (!printable) {
      // Tab, Escape, arrows or Ctrl/Alt+key inside a scan (a crafted QR, or a scanner mapping control codes to
      // Ctrl+letter) never act on the page: swallowed, and the code they broke into is dropped. Also right after
      // the burst's first characters, before it is recognised: a person does not follow a key with Tab that fast.
      if (inBurst || (fast && buffer.length > 0)) {
        swallow(event);
        swallowing = true;
        tail = true;
        return;
      }
      reset();
      return;
    }
    if (!fast) {
      const broken = swallowing && !ended;
      reset();
      tail = broken;
      const field = focusedEditable();
      fieldBefore = field ? { field, value: field.value } : null;
    }
    buffer += separator ?? event.key;
    if (!swallowing && buffer.length >= recogniseAfter) {
      swallowing = true;
      if (fieldBefore && fieldBefore.field.value !== fieldBefore.value) fieldBefore.field.value = fieldBefore.value;
    }
    if (swallowing) swallow(event);
  };

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return {
    stop() {
      target.removeEventListener('keydown', onKeyDown, { capture: true });
      reset();
    },
  };
}
