/**
 * GS1 marking codes ("Asl belgisi": the Data Matrix on marked goods such as water, juice, dairy, tobacco).
 * A code reads `01` + GTIN-14, `21` + serial number, then a group separator (GS, U+001D) and the
 * verification part (AI 91/92/93: the crypto tail, sometimes AI 8005 price, 17 expiry, …).
 *
 * What goes into the receipt (`labels`) and into `/okm/validation`'s `kmIds` is the identification part
 * only, `01<GTIN>21<serial>`: the "cut" code the vendor's validation API names (kmIds: "обрезанные КМ"),
 * without the GS and without the crypto tail, which is a verification value and not part of the code's
 * identity. The full code as scanned goes only into `/okm/validation`'s `fullKmIds`. Two scans of the same
 * pack compare equal by their identification part even when a scanner renders the tail differently.
 */
import { gtinCheckDigit } from '../catalog/catalog-schema.ts';

/** The GS1 group separator (FNC1 inside a code), as the camera decoder returns it. */
export const GS = '\u001d';

export interface MarkingCode {
  /** The code as scanned (after the scanner's GS character was mapped to U+001D). */
  full: string;
  /** GTIN-14, digits. */
  gtin: string;
  serial: string;
  /** `01` + GTIN + `21` + serial: what the receipt carries (see the module comment). */
  identification: string;
}

export type MarkingCodeProblem =
  /** Not a GS1 marking code at all (a product barcode, a URL, a code of another format). */
  | 'notMarkingCode'
  /** Looks like one but its separator is missing: a hand scanner not set up to send GS (README). */
  | 'noSeparator';

// AIM symbology identifiers some scanners put in front of what they read: ]d2 Data Matrix GS1, ]Q3 QR GS1,
// ]C1 GS1-128.
const symbologyPrefix = /^\][dQC][0-9]/u;
// GS1 AI 82 character set, which serial numbers are drawn from.
const serialCharacter = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]$/u;
const maxSerialLength = 20;

/**
 * Parses a scanned text as a GS1 marking code.
 * @param scanned the text as decoded by the camera, or as typed by a hand scanner after GS mapping
 */
export function parseMarkingCode(scanned: string): { ok: true; code: MarkingCode } | { ok: false; problem: MarkingCodeProblem } {
  let text = scanned.replace(symbologyPrefix, '');
  // FNC1 in first position comes through as a leading GS from some readers.
  if (text.startsWith(GS)) text = text.slice(1);
  const head = /^01(\d{14})21/u.exec(text);
  if (!head) return { ok: false, problem: 'notMarkingCode' };
  const gtin = head[1] ?? '';
  if (gtinCheckDigit(gtin.slice(0, -1)) !== Number(gtin.slice(-1))) return { ok: false, problem: 'notMarkingCode' };
  const rest = text.slice(head[0].length);
  const separator = rest.indexOf(GS);
  if (separator < 0) {
    // Every marking code carries a verification part after its serial; without a GS the serial's end cannot
    // be told from the tail, and guessing would put a wrong code on a fiscal receipt.
    return { ok: false, problem: 'noSeparator' };
  }
  const serial = rest.slice(0, separator);
  if (serial.length === 0 || serial.length > maxSerialLength || ![...serial].every((c) => serialCharacter.test(c))) {
    return { ok: false, problem: 'notMarkingCode' };
  }
  const tail = rest.slice(separator + 1);
  // The verification part: AI-prefixed fields, printable ASCII, separated by GS.
  if (!/^\d{2,4}[\x21-\x7e]/u.test(tail) || !/^[\x21-\x7e\u001d]+$/u.test(tail)) return { ok: false, problem: 'notMarkingCode' };
  return {
    ok: true,
    code: { full: `01${gtin}21${serial}${GS}${tail}`, gtin, serial, identification: `01${gtin}21${serial}` },
  };
}

/** A product barcode (EAN-8, UPC-A, EAN-13, GTIN-14) as GTIN-14, or null when it is not one. */
export function gtin14(barcode: string | undefined): string | null {
  if (barcode === undefined || !/^(\d{8}|\d{12}|\d{13}|\d{14})$/u.test(barcode)) return null;
  return barcode.padStart(14, '0');
}

/** Whether the marking code is for the product with this barcode (same GTIN). */
export function codeFitsProduct(code: MarkingCode, barcode: string | undefined): boolean {
  return gtin14(barcode) === code.gtin;
}

/** The receipt's labels for a line's scanned codes: each code's identification part, in scan order. */
export function labelsForReceipt(scanned: readonly string[]): string[] {
  return scanned.map((s) => {
    const parsed = parseMarkingCode(s);
    // Cart lines only ever hold codes that parsed; anything else is a bug, not something to send.
    if (!parsed.ok) throw new Error('a cart line holds a code that is not a marking code');
    return parsed.code.identification;
  });
}
