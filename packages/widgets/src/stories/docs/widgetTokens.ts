/** One place a token is read: a CSS property of a part (selector shortened, e.g. `stamp[data-state='filled']`). */
export interface TokenUse {
  property: string;
  part: string;
}

/** A custom property a widget's stylesheet reads, with where it is read and what it falls back to. */
export interface WidgetToken {
  name: string;
  /** Fallbacks as written in `var(name, fallback)`, each with the parts using it; empty when it has none. */
  fallbacks: Array<{ value: string; parts: string[] }>;
  uses: TokenUse[];
  /**
   * The token's former name, read when the token is not set (`var(--new-x, var(--old-x, fallback))`, after a
   * widget was renamed); the fallbacks above are then what follows it. Absent for tokens never renamed.
   */
  formerly?: string;
}

/** What a widget's stylesheet reads: its own tokens (`--rapport-<widget>-*`) and the global ones it uses itself. */
export interface WidgetTokens {
  own: WidgetToken[];
  global: WidgetToken[];
}

interface Declaration {
  selectors: string[];
  property: string;
  value: string;
}

/** Every declaration of a (well-formed, unnested) stylesheet with its rule's selectors; at-rules are walked into. */
function declarations(css: string): Declaration[] {
  const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: Declaration[] = [];
  const stack: string[] = [];
  let buffer = '';
  for (const char of source) {
    if (char === '{') {
      stack.push(buffer.trim().replace(/\s+/g, ' '));
    } else if (char === '}') {
      const prelude = stack.pop() ?? '';
      if (!prelude.startsWith('@')) {
        const selectors = prelude.split(',').map((s) => s.trim());
        for (const text of buffer.split(';')) {
          const colon = text.indexOf(':');
          if (colon > 0) found.push({ selectors, property: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() });
        }
      }
    } else {
      buffer += char;
      continue;
    }
    buffer = '';
  }
  return found;
}

/** One `var(name, fallback)` in a value. */
type Reference = { name: string; fallback: string | null };

/** The `var(…)` references of a value: name and fallback text (nested `var()`s and commas kept). */
function references(value: string): Reference[] {
  const refs: Reference[] = [];
  const pattern = /var\(\s*(--[\w-]+)\s*(,)?/g;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    let fallback: string | null = null;
    if (match[2]) {
      let depth = 1;
      let end = pattern.lastIndex;
      for (; end < value.length && depth > 0; end++) {
        if (value[end] === '(') depth++;
        else if (value[end] === ')') depth--;
      }
      fallback = value.slice(pattern.lastIndex, end - 1).trim();
      // A `var()` inside the fallback is read only through this one: it is not a reference of its own.
      pattern.lastIndex = end;
    }
    refs.push({ name: match[1]!, fallback });
  }
  return refs;
}

/** `.rapport-loyalty-card__stamp[data-state='filled']` → `stamp[data-state='filled']`; the block itself → `root`. */
function shortPart(selector: string, block: string): string {
  return selector
    .replaceAll(`.rapport-${block}__`, '')
    .replace(new RegExp(`\\.rapport-${block}(?![\\w-])`, 'g'), 'root')
    .replace(/^root (?=\S)/, '')
    .replace(/::(before|after)$/, '');
}

/**
 * A fallback that is the same token under its former name (`var(--rapport-owner-badge-width, 22rem)` behind
 * `--rapport-contact-owner-badge-width`): that name, and what follows it. Told apart from a global token of the
 * same suffix (`--rapport-color-border`) by its own fallback: per-widget tokens always have one, global tokens
 * never (tokens.css sets them).
 */
function formerName(ref: Reference, prefix: string): { name: string; fallback: string } | null {
  const inner = ref.fallback === null ? undefined : references(ref.fallback)[0];
  if (!inner?.fallback || !inner.name.endsWith(`-${ref.name.slice(prefix.length)}`)) return null;
  return ref.fallback === `var(${inner.name}, ${inner.fallback})` ? { name: inner.name, fallback: inner.fallback } : null;
}

/** Records one read of `ref` by `use`; its fallback is written on `fallbackPart`. */
function add(map: Map<string, WidgetToken>, ref: Reference, use: TokenUse, fallbackPart: string, prefix?: string): void {
  const token: WidgetToken = map.get(ref.name) ?? { name: ref.name, fallbacks: [], uses: [] };
  map.set(ref.name, token);
  if (!token.uses.some((u) => u.property === use.property && u.part === use.part)) token.uses.push(use);
  const former = prefix === undefined ? null : formerName(ref, prefix);
  if (former) {
    token.formerly = former.name;
    ref = { name: ref.name, fallback: former.fallback };
  }
  if (ref.fallback === null) return;
  const known = token.fallbacks.find((f) => f.value === ref.fallback);
  if (!known) token.fallbacks.push({ value: ref.fallback, parts: [fallbackPart] });
  else if (!known.parts.includes(fallbackPart)) known.parts.push(fallbackPart);
}

/**
 * Reads a widget's stylesheet: every `--rapport-*` custom property it reads, where (property and part) and with
 * which fallback. `prefix` names the widget's own tokens (`--rapport-loyalty-`); the rest are global tokens the
 * widget reads directly (not as a fallback of its own token). Custom properties the stylesheet sets itself are
 * internal: their uses count as uses of the tokens they are built from (e.g. the badge's avatar size). A token's
 * former name read as its first fallback is recorded as `formerly`, and the fallbacks are what follows it (see
 * `formerName`).
 */
export function widgetTokens(css: string, prefix: string, block: string): WidgetTokens {
  const all = declarations(css);
  // Internal custom properties: each definition (a rule may redefine it) with the part that defines it.
  const internal = new Map<string, Array<{ refs: Reference[]; part: string }>>();
  for (const d of all) {
    if (!d.property.startsWith('--')) continue;
    const definitions = internal.get(d.property) ?? [];
    internal.set(d.property, definitions);
    for (const selector of d.selectors) definitions.push({ refs: references(d.value), part: shortPart(selector, block) });
  }

  const own = new Map<string, WidgetToken>();
  const global = new Map<string, WidgetToken>();
  const read = (ref: Reference, use: TokenUse, fallbackPart: string) => {
    const definitions = internal.get(ref.name);
    if (definitions) {
      for (const definition of definitions) for (const inner of definition.refs) read(inner, use, definition.part);
    } else if (ref.name.startsWith(prefix)) add(own, ref, use, fallbackPart, prefix);
    else if (ref.name.startsWith('--rapport-')) add(global, ref, use, fallbackPart);
  };
  for (const d of all) {
    if (d.property.startsWith('--')) continue;
    for (const selector of d.selectors) {
      const use = { property: d.property, part: shortPart(selector, block) };
      for (const ref of references(d.value)) read(ref, use, use.part);
    }
  }
  const byName = (a: WidgetToken, b: WidgetToken) => a.name.localeCompare(b.name);
  return { own: [...own.values()].sort(byName), global: [...global.values()].sort(byName) };
}
