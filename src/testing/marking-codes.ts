/** Marking codes for tests: GS1 layout as on Uzbek water and juice packs (01 GTIN, 21 serial, GS, 93 tail). */
import { GS } from '../checkout/marking-code.ts';

/** The demo catalog's marked water (public/catalog.json `water-marked-1l`): GTIN 4780069000130. */
export const waterGtin = '04780069000130';
/** The demo catalog's marked juice (`juice-marked-1l`): GTIN 4781135000429. */
export const juiceGtin = '04781135000429';

/** A full marking code: `01` GTIN `21` serial GS `93` crypto tail. */
export function markingCode(gtin: string, serial: string, tail = 'dGVz'): string {
  return `01${gtin}21${serial}${GS}93${tail}`;
}
