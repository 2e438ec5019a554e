/**
 * Prints the config.json `staff.pin` value for a PIN:  npm run staff-pin -- 1234
 * Optional: --iterations <n> (default 100000). Only the value goes to stdout, so it can be piped.
 */
import { DEFAULT_PIN_ITERATIONS, hashPin, isValidPinFormat, MAX_PIN_ITERATIONS } from '../src/staff/pin.ts';

const usage = 'usage: npm run staff-pin -- <PIN of 4 to 8 digits> [--iterations <n>]';

async function main(args: string[]): Promise<number> {
  let pin: string | undefined;
  let iterations = DEFAULT_PIN_ITERATIONS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--iterations') {
      const n = Number(args[++i]);
      if (!Number.isSafeInteger(n) || n < 1000 || n > MAX_PIN_ITERATIONS) {
        console.error(`--iterations must be a whole number from 1000 to ${MAX_PIN_ITERATIONS}`);
        return 1;
      }
      iterations = n;
    } else if (pin === undefined) {
      pin = arg;
    } else {
      console.error(`unexpected argument: ${arg}\n${usage}`);
      return 1;
    }
  }
  if (pin === undefined) {
    console.error(usage);
    return 1;
  }
  if (!isValidPinFormat(pin)) {
    console.error(`refused: ${JSON.stringify(pin)} is not a valid staff PIN; it must be 4 to 8 digits (0-9)\n${usage}`);
    return 1;
  }
  console.log(await hashPin(pin, iterations));
  console.error('put it in config.json as  "staff": { "pin": "<the line above>" }');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
