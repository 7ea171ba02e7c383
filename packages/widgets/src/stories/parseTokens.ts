/** One style rule of a stylesheet: the at-rules around it, its selector and its custom properties. */
export interface TokenRule {
  /** Enclosing at-rule preludes, outermost first, e.g. `['@layer rapport', '@media (prefers-color-scheme: dark)']`. */
  context: string[];
  selector: string;
  /** Custom properties declared by the rule (name → value), in source order. */
  tokens: Record<string, string>;
}

/**
 * Reads the custom properties of a (well-formed) stylesheet, rule by rule. Enough for the token file: used
 * by the contrast test and the Tokens story so both read the real values rather than a copy.
 */
export function parseTokens(css: string): TokenRule[] {
  const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: TokenRule[] = [];
  const stack: string[] = [];
  let buffer = '';
  for (const char of source) {
    if (char === '{') {
      stack.push(buffer.trim().replace(/\s+/g, ' '));
      buffer = '';
    } else if (char === '}') {
      const prelude = stack.pop() ?? '';
      if (!prelude.startsWith('@')) {
        const tokens: Record<string, string> = {};
        for (const declaration of buffer.split(';')) {
          const match = /^\s*(--[\w-]+)\s*:\s*([\s\S]+?)\s*$/.exec(declaration);
          if (match?.[1] && match[2]) tokens[match[1]] = match[2];
        }
        rules.push({ context: [...stack], selector: prelude, tokens });
      }
      buffer = '';
    } else {
      buffer += char;
    }
  }
  return rules;
}

/** The palettes of the token file: light (base), dark (forced) and dark (auto, from the media query). */
export function themePalettes(css: string): Record<'light' | 'dark' | 'autoDark', Record<string, string>> {
  const rules = parseTokens(css);
  const find = (test: (rule: TokenRule) => boolean) => rules.find(test)?.tokens ?? {};
  const inDarkMedia = (rule: TokenRule) => rule.context.some((c) => c.includes('prefers-color-scheme: dark'));
  return {
    light: find((rule) => rule.context.length === 1 && rule.selector === ':where(:root), [data-rapport-theme]'),
    dark: find((rule) => rule.selector === "[data-rapport-theme='dark']"),
    autoDark: find((rule) => inDarkMedia(rule) && rule.selector.includes("[data-rapport-theme='auto']")),
  };
}
