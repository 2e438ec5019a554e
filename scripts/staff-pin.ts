/**
 * Makes the config.json values for staff access. Only the value goes to stdout, so it can be piped.
 *
 *   npm run staff-pin -- 48213957                 the `staff.pin` value for a PIN of 6–12 digits
 *   npm run staff-pin -- --badge [--name "Dilnoza"] [--out card.svg]
 *                                                 a new staff badge: prints its `staff.badges` entry and writes
 *                                                 the card (an SVG with the badge QR) to print
 *   npm run staff-pin -- --badge-code TOLOV-STAFF-…   the entry (and card) for an existing badge code
 *
 * Option: --iterations <n> (default 600000, the least config.json accepts).
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import {
  DEFAULT_PIN_ITERATIONS,
  generateBadgeCode,
  hashBadge,
  hashPin,
  isBadgeCode,
  isValidPinFormat,
  MAX_PIN_DIGITS,
  MAX_PIN_ITERATIONS,
  MIN_CONFIG_ITERATIONS,
  MIN_PIN_DIGITS,
} from '../src/staff/pin.ts';

const usage = `usage: npm run staff-pin -- <PIN of ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits> [--iterations <n>]
       npm run staff-pin -- --badge [--name <name on the card>] [--out <card.svg>] [--iterations <n>]
       npm run staff-pin -- --badge-code <existing badge code> [--name …] [--out …]`;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A card of bank-card size (85.6 × 54 mm) with the badge QR and a name: print it, laminate it. */
async function badgeCardSvg(code: string, name: string): Promise<string> {
  const qr = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const inner = qr.replace(/^[\s\S]*?<svg\b[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const viewBox = /viewBox="([^"]+)"/.exec(qr)?.[1] ?? '0 0 1 1';
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="85.6mm" height="54mm" viewBox="0 0 856 540">
  <rect x="0" y="0" width="856" height="540" rx="32" fill="#ffffff" stroke="#0f766e" stroke-width="8"/>
  <rect x="0" y="0" width="856" height="96" rx="32" fill="#0f766e"/>
  <rect x="0" y="64" width="856" height="32" fill="#0f766e"/>
  <text x="40" y="64" font-family="sans-serif" font-size="40" font-weight="700" fill="#ffffff">Tolov Kiosk · staff</text>
  <text x="40" y="180" font-family="sans-serif" font-size="36" font-weight="700" fill="#1c1917">${escapeXml(name)}</text>
  <text x="40" y="240" font-family="sans-serif" font-size="24" fill="#44403c">Xodim kartasi · Карта персонала</text>
  <text x="40" y="280" font-family="sans-serif" font-size="24" fill="#44403c">Staff badge</text>
  <text x="40" y="440" font-family="sans-serif" font-size="20" fill="#44403c">Opens staff mode and refunds.</text>
  <text x="40" y="470" font-family="sans-serif" font-size="20" fill="#44403c">Lost? Remove it from staff.badges.</text>
  <svg x="496" y="120" width="320" height="320" viewBox="${viewBox}" shape-rendering="crispEdges">${inner}</svg>
</svg>
`;
}

async function main(args: string[]): Promise<number> {
  let pin: string | undefined;
  let badge = false;
  let badgeCode: string | undefined;
  let name = 'Staff';
  let out: string | undefined;
  let iterations = DEFAULT_PIN_ITERATIONS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--iterations') {
      const n = Number(args[++i]);
      if (!Number.isSafeInteger(n) || n < MIN_CONFIG_ITERATIONS || n > MAX_PIN_ITERATIONS) {
        console.error(`--iterations must be a whole number from ${MIN_CONFIG_ITERATIONS} to ${MAX_PIN_ITERATIONS}`);
        return 1;
      }
      iterations = n;
    } else if (arg === '--badge') {
      badge = true;
    } else if (arg === '--badge-code') {
      badgeCode = args[++i];
    } else if (arg === '--name') {
      name = args[++i] ?? name;
    } else if (arg === '--out') {
      out = args[++i];
    } else if (pin === undefined && !arg.startsWith('--')) {
      pin = arg;
    } else {
      console.error(`unexpected argument: ${arg}\n${usage}`);
      return 1;
    }
  }

  if (badge || badgeCode !== undefined) {
    const code = badgeCode ?? generateBadgeCode();
    if (!isBadgeCode(code)) {
      console.error(`refused: ${JSON.stringify(code)} is not a badge code (TOLOV-STAFF- and 26 base32 characters)`);
      return 1;
    }
    const file = out ?? `staff-badge-${new Date().toISOString().slice(0, 10)}-${code.slice(-6)}.svg`;
    writeFileSync(file, await badgeCardSvg(code, name));
    console.log(await hashBadge(code, iterations));
    console.error(`add the line above to config.json's "staff": { "badges": [ … ] }`);
    console.error(`the card to print (the QR is the badge; keep the SVG safe or delete it once printed): ${file}`);
    return 0;
  }

  if (pin === undefined) {
    console.error(usage);
    return 1;
  }
  if (!isValidPinFormat(pin)) {
    console.error(
      `refused: ${JSON.stringify(pin)} is not a valid staff PIN; it must be ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits (0-9)\n${usage}`,
    );
    return 1;
  }
  console.log(await hashPin(pin, iterations));
  console.error('put it in config.json as  "staff": { "pin": "<the line above>" }');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
