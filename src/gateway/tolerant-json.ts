/**
 * Reads gateway bodies as they really are (gateway-api.md): raw line breaks inside strings, a `\` split from its
 * `n` by a line break, bare numbers with leading zeros, and two pinpad answers that are not JSON at all.
 * Numbers keep their exact text (lossless-json), so an id is never rounded or stripped of zeros.
 */
import { LosslessNumber, parse } from 'lossless-json';

export { LosslessNumber };

export type TolerantParse =
  | { ok: true; value: unknown; repaired: boolean }
  | { ok: false; problem: string };

const validEscapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);
const numberToken = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function isLineBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** Index just past one line break (`\r\n` counts as one) starting at `i`. */
function skipLineBreak(text: string, i: number): number {
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return isLineBreak(text[i]) ? i + 1 : i;
}

function escapeControl(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    default:
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/**
 * Rewrites what the documented bodies get wrong into valid JSON, touching nothing else:
 * raw control characters inside strings are escaped (a printed `\n` followed by a real line break becomes
 * one line break, not two), a backslash cut from its escape letter by a line break is joined back
 * (`4\⏎nID` → `4\nID`), a stray backslash is kept as a character, and a bare number with leading zeros
 * (`010965270742`) becomes a string so its zeros survive.
 */
export function repairJsonText(text: string): { text: string; repaired: boolean } {
  let out = '';
  let repaired = false;
  let inString = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (inString) {
      if (c === '"') {
        inString = false;
        out += c;
        i += 1;
      } else if (c === '\\') {
        let next = text[i + 1];
        let j = i + 1;
        if (isLineBreak(next)) {
          // The spec's Humo slip: "Номер смены 4\⏎nID": the line break was typed inside the escape.
          j = skipLineBreak(text, j);
          next = text[j];
          repaired = true;
        }
        if (next !== undefined && validEscapes.has(next)) {
          out += `\\${next}`;
          i = j + 1;
          if (next === 'n' && isLineBreak(text[i])) {
            // "…ТОВАР\n⏎ID…": the printed escape and the real break mean one line break.
            i = skipLineBreak(text, i);
            repaired = true;
          }
        } else {
          // A lone backslash is text; if a line break followed it, keep that break too.
          out += j === i + 1 ? '\\\\' : '\\\\\\n';
          i = j;
          repaired = true;
        }
      } else if (c.charCodeAt(0) < 0x20) {
        out += c === '\r' ? '\\n' : escapeControl(c);
        i = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
        repaired = true;
      } else {
        out += c;
        i += 1;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
      i += 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      numberToken.lastIndex = i;
      const m = numberToken.exec(text);
      if (m) {
        const token = m[0];
        if (/^-?0\d/.test(token)) {
          out += `"${token}"`;
          repaired = true;
        } else {
          out += token;
        }
        i += token.length;
      } else {
        out += c;
        i += 1;
      }
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out, repaired };
}

/**
 * Parses a body tolerantly. Numbers come back as `LosslessNumber` (their exact text in `.value`).
 * Never throws: a body that still is not JSON after repair is `{ ok: false }`.
 */
export function parseTolerant(text: string): TolerantParse {
  try {
    return { ok: true, value: parse(text), repaired: false };
  } catch {
    // fall through to the repaired text
  }
  try {
    const fixed = repairJsonText(text);
    if (!fixed.repaired) return { ok: false, problem: 'not JSON' };
    return { ok: true, value: parse(fixed.text), repaired: true };
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : 'not JSON' };
  }
}

/** What salvage could prove about a pinpad answer that is not JSON. Only success is ever salvaged. */
export interface SalvagedPinpad {
  slip: string;
  pptId: string | null;
  form: 'kotlin-tail' | 'unclosed-message';
}

const salvageHead = /^\s*\{\s*"data"\s*:\s*\{\s*"message"\s*:\s*"/;
// Anchored at the end: the envelope's own closing, so `is_success` is the top-level one, not text in the slip.
const unclosedTail =
  /"ppt_id"\s*:\s*(?:"([0-9A-Za-z]*)"|null)\s*\}\s*,\s*"error"\s*:\s*null\s*,\s*"is_success"\s*:\s*true\s*\}\s*$/;
const kotlinTail = /,\s*pptId=([0-9A-Za-z]*)\)\s*,\s*error=null\s*,\s*isSuccess=true\s*\}\s*$/;
const forbiddenInSlip = /"(?:is_success|ppt_id|error|data)"\s*:|isSuccess=|pptId=|error=/;

/**
 * Recovers the two documented non-JSON pinpad answers: the UzCard return ending in a Kotlin `toString()`
 * tail (`, pptId=…), error=null, isSuccess=true }`) and the Humo cancel whose `message` is never closed
 * before `"ppt_id"`. Returns null unless the body opens as `{"data": {"message": "` and ends in an explicit
 * top-level success with `error` null; anything else stays unreadable (DESIGN.md §1.2).
 */
export function salvagePinpadAnswer(text: string): SalvagedPinpad | null {
  const head = salvageHead.exec(text);
  if (!head) return null;
  const start = head[0].length;
  const candidates: { re: RegExp; form: SalvagedPinpad['form'] }[] = [
    { re: unclosedTail, form: 'unclosed-message' },
    { re: kotlinTail, form: 'kotlin-tail' },
  ];
  for (const { re, form } of candidates) {
    const tail = re.exec(text);
    if (!tail || tail.index < start) continue;
    let body = text.slice(start, tail.index).replace(/\s+$/, '');
    // The message may have been closed after all ("…",); only the envelope's tail was odd.
    if (body.endsWith('",')) body = body.slice(0, -2);
    else if (body.endsWith('"')) body = body.slice(0, -1);
    if (forbiddenInSlip.test(body)) return null;
    const id = tail[1];
    const pptId = id === undefined || id === '' || id === 'null' ? null : id;
    return { slip: unescapeSlip(body), pptId, form };
  }
  return null;
}

/** Turns JSON escapes in salvaged slip text into characters; raw line breaks stay, CRLF becomes LF. */
function unescapeSlip(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] as string;
    if (c !== '\\') {
      if (c === '\r') {
        out += '\n';
        i = raw[i + 1] === '\n' ? i + 2 : i + 1;
      } else {
        out += c;
        i += 1;
      }
      continue;
    }
    let j = i + 1;
    if (isLineBreak(raw[j])) j = skipLineBreak(raw, j);
    const e = raw[j];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\n', '"': '"', '\\': '\\', '/': '/', b: '', f: '' };
    if (e !== undefined && e in simple) {
      out += simple[e];
      i = j + 1;
      if (e === 'n' && isLineBreak(raw[i])) i = skipLineBreak(raw, i);
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(j + 1, j + 5))) {
      out += String.fromCharCode(parseInt(raw.slice(j + 1, j + 5), 16));
      i = j + 5;
    } else {
      out += '\\';
      i += 1;
    }
  }
  return out;
}
