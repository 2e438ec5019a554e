/**
 * A cart line's option choices (DESIGN.md §5 `options`): which choices a line carries, what they add to the
 * price, whether they satisfy each group's min/max, and how they read on the cart and the fiscal receipt.
 * The same product with other choices is another line, so a line is known by its product and its choices.
 */
import { localizedText, type OptionChoice, type OptionGroup, type Product } from '../catalog/catalog-types.ts';
import { sumTiyin, type Locale, type Tiyin } from '../money/money.ts';

/** One picked choice: the group's id and the choice's id. */
export interface LineChoice {
  group: string;
  choice: string;
}

/**
 * A line's id: the product id for a line without choices (so plain lines keep the id they always had), else
 * the product id with its choices in the catalog's group and choice order.
 */
export function lineIdOf(productId: string, choices: readonly LineChoice[] | undefined): string {
  if (!choices || choices.length === 0) return productId;
  return `${productId}|${choices.map((c) => `${c.group}:${c.choice}`).join(',')}`;
}

/** The choices in the product's group and choice order, unknown ones dropped (the id must not depend on tap order). */
export function orderedChoices(product: Product, choices: readonly LineChoice[]): LineChoice[] {
  const out: LineChoice[] = [];
  for (const group of product.options ?? []) {
    for (const choice of group.choices) {
      if (choices.some((c) => c.group === group.id && c.choice === choice.id)) out.push({ group: group.id, choice: choice.id });
    }
  }
  return out;
}

/** The groups whose min/max the choices do not meet (an empty list: the choices can go in the cart). */
export function unmetGroups(product: Product, choices: readonly LineChoice[]): OptionGroup[] {
  return (product.options ?? []).filter((group) => {
    const n = choices.filter((c) => c.group === group.id && group.choices.some((x) => x.id === c.choice)).length;
    return n < group.min || n > group.max;
  });
}

function pickedChoices(product: Product, choices: readonly LineChoice[] | undefined): OptionChoice[] {
  if (!choices || choices.length === 0) return [];
  const out: OptionChoice[] = [];
  for (const group of product.options ?? []) {
    for (const choice of group.choices) {
      if (choices.some((c) => c.group === group.id && c.choice === choice.id)) out.push(choice);
    }
  }
  return out;
}

/** One unit's price with its choices' deltas, tiyin. */
export function unitPrice(product: Product, choices: readonly LineChoice[] | undefined): Tiyin {
  return sumTiyin([product.price, ...pickedChoices(product, choices).map((c) => c.price)]);
}

/** The choices' names in `locale`, in catalog order ("L, Oat milk"); empty for a line without choices. */
export function choiceNames(product: Product, choices: readonly LineChoice[] | undefined, locale: Locale): string[] {
  return pickedChoices(product, choices).map((c) => localizedText(c.name, locale));
}

/**
 * The receipt line's name: the product's name with its choices, "Latte (L, Oat milk)". order.md documents no
 * length limit, so the kiosk keeps names within a conservative FISCAL_NAME_MAX characters (a receipt printer
 * line is 32–48); the choices are shortened with "…", never the product's own name.
 */
export const FISCAL_NAME_MAX = 64;

export function fiscalName(name: string, choiceTexts: readonly string[]): string {
  if (choiceTexts.length === 0) return name; // a catalog name is sent as written, as before options existed
  const full = `${name} (${choiceTexts.join(', ')})`;
  if ([...full].length <= FISCAL_NAME_MAX) return full;
  const room = FISCAL_NAME_MAX - [...name].length - 4; // " (" + "…)"
  if (room <= 0) return [...name].slice(0, FISCAL_NAME_MAX).join('');
  return `${name} (${[...choiceTexts.join(', ')].slice(0, room).join('')}…)`;
}

