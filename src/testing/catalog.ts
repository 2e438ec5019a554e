import type { Catalog, FiscalFields } from '../catalog/catalog-types.ts';
import { tiyin } from '../money/money.ts';

const fiscal: FiscalFields = {
  classCode: '02101001001000000',
  packageCode: '1495086',
  unitName: 'dona',
  vatPercent: 12,
  ownerType: 1,
};

/** A small catalog for component tests: localized and plain names, with and without images. */
export const testCatalog: Catalog = {
  categories: [
    { id: 'coffee', name: { uz: 'Qahva', ru: 'Кофе', en: 'Coffee' } },
    { id: 'food', name: { uz: 'Taomlar', ru: 'Еда', en: 'Food' } },
  ],
  products: [
    {
      id: 'cappuccino',
      name: { uz: 'Kapuchino', ru: 'Капучино', en: 'Cappuccino' },
      price: tiyin(2_800_000),
      category: 'coffee',
      image: 'images/cappuccino.webp',
      fiscal,
    },
    {
      id: 'latte',
      name: { uz: 'Latte', ru: 'Латте', en: 'Latte' },
      price: tiyin(3_000_000),
      category: 'coffee',
      fiscal,
    },
    {
      id: 'samsa',
      name: 'Samsa',
      price: tiyin(1_200_050),
      category: 'food',
      barcode: '4780000000017',
      fiscal,
    },
  ],
};
