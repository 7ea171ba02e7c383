/// <reference types="vite/client" />
import { Fragment, type CSSProperties, type ReactElement, type ReactNode } from 'react';
import tokensCss from '../../styles/tokens.css?raw';
import { themePalettes } from '../parseTokens.js';
import { widgetTokens, type WidgetToken } from './widgetTokens.js';

// Tables for the MDX docs pages, generated from the stylesheets and the Views themselves, so the docs cannot
// drift from the code. They render in the docs page (no Rapport theme around them): plain tables.

const palettes = themePalettes(tokensCss);

const swatch: CSSProperties = {
  display: 'inline-block',
  inlineSize: '0.9em',
  blockSize: '0.9em',
  marginInlineEnd: '0.35em',
  verticalAlign: '-0.1em',
  border: '1px solid #8c959f',
  borderRadius: '2px',
};

/** Inline code at the size of the text around it (the docs page leaves raw `<code>` at the browser's size). */
function Code({ children }: { children: ReactNode }): ReactNode {
  return <code style={{ fontSize: '0.875em' }}>{children}</code>;
}

/** A value, with a colour swatch when it is a colour. */
function Value({ value }: { value: string }): ReactNode {
  const colour = /^#[0-9a-f]{3,8}$/i.test(value);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {colour && <span aria-hidden="true" style={{ ...swatch, background: value }} />}
      <Code>{value}</Code>
    </span>
  );
}

/** The light and dark values of a global token (one value when both themes share it). */
function ThemeValues({ name }: { name: string }): ReactNode {
  const light = palettes.light[name];
  if (light === undefined) return <em>not set</em>;
  const dark = palettes.dark[name] ?? light;
  if (dark === light) return <Value value={light} />;
  return (
    <>
      light <Value value={light} />
      <br />
      dark <Value value={dark} />
    </>
  );
}

/** A fallback: a global token (with its theme values) or a literal. */
function Fallback({ value }: { value: string }): ReactNode {
  const global = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
  if (!global) return <Value value={value} />;
  return (
    <>
      <Code>{global}</Code>
      <br />
      <ThemeValues name={global} />
    </>
  );
}

/** "background: root, dot" lines: what a token changes, by property. */
function Uses({ token }: { token: WidgetToken }): ReactNode {
  const byProperty = new Map<string, string[]>();
  for (const { property, part } of token.uses) byProperty.set(property, [...(byProperty.get(property) ?? []), part]);
  return [...byProperty].map(([property, parts], index) => (
    <Fragment key={property}>
      {index > 0 && <br />}
      <Code>{property}</Code> of {parts.join(', ')}
    </Fragment>
  ));
}

/** Props of {@link TokenTable}. */
export interface TokenTableProps {
  /** The widget's stylesheet (`import css from '../styles/loyalty-card.css?raw'`). */
  css: string;
  /** Its own tokens' prefix, e.g. `--rapport-loyalty-card-`. */
  prefix: string;
  /** Its class block, e.g. `loyalty-card` (`.rapport-loyalty-card__…`). */
  block: string;
  /** `own`: the widget's tokens and their fallbacks; `global`: the global tokens it reads directly. */
  show: 'own' | 'global';
}

/** The tokens a widget's stylesheet reads, where, and their defaults in both themes. */
export function TokenTable({ css, prefix, block, show }: TokenTableProps): ReactNode {
  const tokens = widgetTokens(css, prefix, block)[show];
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">{show === 'own' ? 'Falls back to (default)' : 'Default'}</th>
          <th scope="col">What it changes (property of part)</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.name}>
            <td>
              <Code>{token.name}</Code>
              {token.formerly && (
                <>
                  <br />
                  formerly <Code>{token.formerly}</Code>, which still works
                </>
              )}
            </td>
            <td>
              {show === 'global' ? (
                <ThemeValues name={token.name} />
              ) : (
                token.fallbacks.map(({ value, parts }, index) => (
                  <Fragment key={value}>
                    {index > 0 && <br />}
                    <Fallback value={value} />
                    {token.fallbacks.length > 1 && <> on {parts.join(', ')}</>}
                  </Fragment>
                ))
              )}
            </td>
            <td>
              <Uses token={token} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every global token of tokens.css with its light and dark value. */
export function GlobalTokenTable(): ReactNode {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">Default (light / dark)</th>
        </tr>
      </thead>
      <tbody>
        {Object.keys(palettes.light).map((name) => (
          <tr key={name}>
            <td>
              <Code>{name}</Code>
            </td>
            <td>
              <ThemeValues name={name} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Backticks as code, `{@link X}` as X: enough for our JSDoc. */
function DocText({ text }: { text: string }): ReactNode {
  return text
    .replace(/\{@link\s+([^}\s]+)\s*\}/g, '$1')
    .split('`')
    .map((piece, index) => (index % 2 === 1 ? <Code key={index}>{piece}</Code> : piece));
}

/** The JSDoc above each `Name: part…(` / `Name: createPart…(` entry of a View's source, by part name. */
export function partDocs(source: string): Record<string, string> {
  const docs: Record<string, string> = {};
  const pattern = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+):\s*(?:part|createPart)\b/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    docs[match[2]!] = match[1]!.replace(/^\s*\*\s?/gm, '').replace(/\s+/g, ' ').trim();
  }
  return docs;
}

type AnyPart = (props: Record<string, unknown>) => ReactNode;

/** Props of {@link PartsTable}. */
export interface PartsTableProps {
  /** The widget's View (`LoyaltyCardView`). */
  parts: Record<string, AnyPart>;
  /** The View's source (`import source from './LoyaltyCardView.tsx?raw'`), for each part's JSDoc. */
  source: string;
}

/** Each part of a View: the element it renders (with its default attributes), its public class, and its JSDoc. */
export function PartsTable({ parts, source }: PartsTableProps): ReactNode {
  const docs = partDocs(source);
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Element</th>
          <th scope="col">Class</th>
          <th scope="col">What it is; its states</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(parts).map(([name, Part]) => {
          // A part is a plain function of its props (no hooks): calling it shows what it renders.
          const element = Part({}) as ReactElement<Record<string, unknown>>;
          const { className, role, type } = element.props;
          const attributes = [role && `role="${String(role)}"`, type && `type="${String(type)}"`]
            .concat(element.props['aria-hidden'] ? ['aria-hidden'] : [])
            .filter(Boolean);
          return (
            <tr key={name}>
              <td>
                <Code>{name}</Code>
              </td>
              <td>
                <Code>{`<${String(element.type)}${attributes.map((a) => ` ${a}`).join('')}>`}</Code>
              </td>
              <td>
                <Code>{String(className).split(' ')[0]}</Code>
              </td>
              <td>
                <DocText text={docs[name] ?? ''} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
