import type { Decorator, Preview } from '@storybook/react-vite';
import '../packages/widgets/src/styles/index.css';
import { RapportTheme, type RapportThemeName } from '../packages/widgets/src/index.js';
import { tidyDocgen } from './tidyDocgen.js';

const THEMES: RapportThemeName[] = ['light', 'dark', 'auto'];

/** Wraps every story in the theme chosen in the toolbar (or in a story's own `globals`). */
const withTheme: Decorator = (Story, context) => {
  const theme = THEMES.find((name) => name === context.globals.theme) ?? 'light';
  return (
    <RapportTheme theme={theme} style={{ padding: '1rem' }}>
      <Story />
    </RapportTheme>
  );
};

const preview: Preview = {
  decorators: [withTheme],
  argTypesEnhancers: [tidyDocgen],
  globalTypes: {
    theme: {
      description: 'Rapport widget theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Auto (system)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    // Any axe violation fails the story's test (in the Storybook UI and in `vitest --project storybook`).
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i } },
    options: { storySort: { order: ['Introduction', '*'] } },
  },
};

export default preview;
