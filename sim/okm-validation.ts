/**
 * `POST /okm/validation` (spec/vendor/okm-validation-api.md): the fiscal module's check of marking codes
 * before a sale. Answers in the vendor's own shape, not the gateway envelope:
 * `{ success, message, messageRu, messageLat, code, data }`. Checks what can be checked locally: the request's
 * shape, `amount` against the number of codes (1003), duplicates within the request (1008) and codes this
 * simulator already saw sold on a receipt (1016). A refusal for any other reason is injected as a fault
 * (`{"call": "okm_validation", "fault": "decline", "code": "1001"}`).
 */
import { textAnswer, type Answer } from './envelope.ts';

/** The vendor's error table: Russian as documented; the Latin-script Uzbek as the module would word it. */
export const okmErrors: Record<string, { ru: string; lat: string }> = {
  '1001': { ru: 'Указанный код маркировки недействителен', lat: 'Koʻrsatilgan markirovka kodi haqiqiy emas' },
  '1002': { ru: 'Указанный код маркировки не принадлежит вам', lat: 'Koʻrsatilgan markirovka kodi sizga tegishli emas' },
  '1003': {
    ru: 'Введённые коды маркировки не соответствуют количеству реализуемых товаров',
    lat: 'Kiritilgan markirovka kodlari sotilayotgan tovarlar soniga mos emas',
  },
  '1004': { ru: 'Код маркировки не соответствует коду ИКПУ', lat: 'Markirovka kodi MXIK kodiga mos emas' },
  '1008': { ru: 'В чеке имеются дублирующиеся коды маркировки', lat: 'Chekda takrorlangan markirovka kodlari bor' },
  '1012': { ru: 'В чеке имеются дублирующиеся коды маркировки', lat: 'Chekda takrorlangan markirovka kodlari bor' },
  '1013': { ru: 'Вы неправильно реализуете товар методом розлива', lat: 'Tovar quyib sotish usulida notoʻgʻri sotilmoqda' },
  '1014': {
    ru: 'Данное лекарственное средство отсутствует в электронном рецепте',
    lat: 'Ushbu dori vositasi elektron retseptda yoʻq',
  },
  '1015': { ru: 'Срок годности товара истек', lat: 'Tovarning yaroqlilik muddati tugagan' },
  '1016': { ru: 'Данный код маркировки выведен из оборота (продан)', lat: 'Ushbu markirovka kodi muomaladan chiqarilgan (sotilgan)' },
};

function answer(body: Record<string, unknown>, kind: string): Answer {
  return textAnswer(JSON.stringify(body), kind);
}

/** A refusal in the vendor's shape, for `code` from the table (1001 when unknown). */
export function okmRefusal(code: string | undefined): Answer {
  const key = code !== undefined && okmErrors[code] ? code : '1001';
  const error = okmErrors[key] ?? { ru: '', lat: '' };
  return answer({ success: false, message: error.ru, messageRu: error.ru, messageLat: error.lat, code: key, data: null }, 'decline');
}

interface OkmRequestProduct {
  productCode: string;
  packageCode: string;
  amount: number;
  kmIds: string[];
}

function readProducts(body: unknown): OkmRequestProduct[] | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (b['refund'] !== 0 && b['refund'] !== 1) return 'refund must be 0 or 1';
  const products = b['products'];
  if (!Array.isArray(products) || products.length === 0) return 'products must be a non-empty list';
  const out: OkmRequestProduct[] = [];
  for (const p of products as unknown[]) {
    if (p === null || typeof p !== 'object') return 'each product must be an object';
    const r = p as Record<string, unknown>;
    const kmIds = r['kmIds'];
    if (typeof r['productCode'] !== 'string' || !/^\d{17}$/.test(r['productCode'])) return 'productCode must be 17 digits';
    if (typeof r['packageCode'] !== 'string' || r['packageCode'] === '') return 'packageCode must be a string';
    if (typeof r['amount'] !== 'number' || !Number.isSafeInteger(r['amount'])) return 'amount must be a whole number';
    if (!Array.isArray(kmIds) || !kmIds.every((k) => typeof k === 'string' && k !== '')) return 'kmIds must be a list of codes';
    out.push({ productCode: r['productCode'], packageCode: r['packageCode'], amount: r['amount'], kmIds: kmIds as string[] });
  }
  return out;
}

/** The validation endpoint's state: marking codes seen sold on this simulator's receipts. */
export class OkmValidation {
  readonly #sold = new Set<string>();

  /** Answers one `/okm/validation` request. */
  validate(body: unknown): Answer {
    const products = readProducts(body);
    if (typeof products === 'string') {
      return answer({ success: false, message: products, messageRu: products, messageLat: products, code: '400', data: null }, 'validation');
    }
    const seen = new Set<string>();
    for (const p of products) {
      if (p.amount !== p.kmIds.length) return okmRefusal('1003');
      for (const km of p.kmIds) {
        if (seen.has(km)) return okmRefusal('1008');
        seen.add(km);
        if (this.#sold.has(km)) return okmRefusal('1016');
      }
    }
    return answer({ success: true, message: 'OK', messageRu: 'OK', messageLat: 'OK', code: '0', data: {} }, 'success');
  }

  /** Notes the labels of a registered receipt: those codes are sold from now on. */
  noteReceipt(body: unknown, registered: boolean): void {
    if (!registered || body === null || typeof body !== 'object') return;
    const products = (body as Record<string, unknown>)['products'];
    if (!Array.isArray(products)) return;
    for (const p of products as unknown[]) {
      const labels = p !== null && typeof p === 'object' ? (p as Record<string, unknown>)['labels'] : undefined;
      if (Array.isArray(labels)) for (const l of labels) if (typeof l === 'string') this.#sold.add(l);
    }
  }

  reset(): void {
    this.#sold.clear();
  }
}
