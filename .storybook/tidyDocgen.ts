import type { ArgTypesEnhancer } from 'storybook/internal/types';

type Docgen = { __docgenInfo?: { props?: Record<string, { tsType?: { raw?: string } } | undefined> } };

/** `{@link name}` → `name` in code; the rest of the JSDoc is Markdown already. */
const links = (text: string) => text.replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`');

/**
 * Props tables from react-docgen, tidied for the docs pages:
 * - our JSDoc ends with its default ("Default: `'card'`."), which react-docgen cannot see when the component
 *   destructures inside its body: it moves to the Default column;
 * - the type as written when short (`'card' | 'badge'`, `Partial<LoyaltyCardMessages>`), not `union` or `Partial`;
 * - `{@link name}` reads as code.
 */
export const tidyDocgen: ArgTypesEnhancer = ({ argTypes, component }) => {
  const props = (component as Docgen | undefined)?.__docgenInfo?.props ?? {};
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      if (!argType.table) return [name, argType];
      const match = /^([\s\S]*?)\s*Default:\s*([\s\S]+?)\.?\s*$/.exec(argType.description ?? '');
      const description = links(match ? match[1]! : (argType.description ?? ''));
      // The Default column shows plain text: no Markdown there.
      const written = match?.[2]?.replace(/\{@link\s+([^}\s]+)\s*\}/g, '$1').replaceAll('`', '');
      const raw = props[name]?.tsType?.raw;
      const { type, defaultValue } = argType.table;
      const table = {
        ...argType.table,
        type: type && { ...type, summary: raw && raw.length <= 80 ? raw : type.summary },
        defaultValue: defaultValue?.summary ? defaultValue : written ? { summary: written } : defaultValue,
      };
      return [name, { ...argType, description, table }];
    }),
  );
};
