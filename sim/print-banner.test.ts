import { describe, expect, it } from 'vitest';
import { printBanner } from './print-banner.ts';

// The request and answer are banners.md's examples, verbatim.
const docRequest = {
  banners: [
    {
      type: 'text',
      data: 'МЕГА ТВИСТЕР:ХАШБРАУН ЛОМИТИК СЫРА 35000 ',
      cut: false,
      style: { font_width: 20, font_height: 1, align: 'left', is_bold: false, qr_size: 5 },
    },
    {
      type: 'barcode',
      data: '6000',
      cut: true,
      style: { font_width: 5, font_height: 70, align: 'left', is_bold: false, barcode_type: 10, qr_size: 5 },
    },
    { type: 'qr_code', data: 'https://example.com', cut: true, style: { qr_size: 5, align: 'center' } },
  ],
};

describe('simulator /print/banner', () => {
  it("answers the documented request with the documented success", () => {
    expect(printBanner(docRequest)).toEqual({ data: null, error: null, is_success: true });
  });

  it('refuses a missing list, an unknown type and a barcode with letters as a validation error', () => {
    expect(printBanner({}).is_success).toBe(false);
    expect(printBanner({ banners: [{ type: 'image', data: 'x' }] }).is_success).toBe(false);
    expect(printBanner({ banners: [{ type: 'barcode', data: '60A0' }] }).error?.code).toBe(7);
  });
});
