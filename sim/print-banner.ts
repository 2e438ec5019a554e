/**
 * The simulator's `POST /print/banner` (spec/vendor/banners.md): checks each banner's documented fields and
 * answers `{ data: null, error: null, is_success: true }`. A printer fault (error 101, "Printer not working")
 * is the `receipt_error` fault with `code: 101` on the call `print_banner`.
 */
import { ok, validationError, type Envelope, type FieldErrors } from './envelope.ts';

const bannerTypes = ['text', 'barcode', 'qr_code', 'qr_code_frame'];

export function printBanner(body: unknown): Envelope {
  const errors: FieldErrors = {};
  const banners = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['banners'] : undefined;
  if (!Array.isArray(banners) || banners.length === 0) {
    errors['banners'] = ['This field is required.'];
    return validationError(errors);
  }
  banners.forEach((banner: unknown, i) => {
    const b = banner !== null && typeof banner === 'object' ? (banner as Record<string, unknown>) : {};
    if (typeof b['type'] !== 'string' || !bannerTypes.includes(b['type'])) errors[`banners[${i}].type`] = ['"type" is not a valid choice.'];
    if (typeof b['data'] !== 'string' || b['data'] === '') errors[`banners[${i}].data`] = ['This field may not be blank.'];
    if (b['type'] === 'barcode' && typeof b['data'] === 'string' && !/^\d+$/.test(b['data'])) {
      errors[`banners[${i}].data`] = ['Barcode data must contain only digits.'];
    }
    if (b['cut'] !== undefined && typeof b['cut'] !== 'boolean') errors[`banners[${i}].cut`] = ['Must be a valid boolean.'];
  });
  return Object.keys(errors).length > 0 ? validationError(errors) : ok(null);
}
