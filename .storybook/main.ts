import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  // MDX first: each widget's docs page then comes before its stories in the sidebar.
  stories: ['../packages/widgets/src/**/*.mdx', '../packages/widgets/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest', '@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // Props tables come from react-docgen (Babel, no TypeScript program: fast). It reads each widget's own
  // props and their JSDoc from the props interface, and does not follow `extends ComponentPropsWithRef<…>`
  // into React's types, so the tables list our props without the inherited DOM ones.
  typescript: { reactDocgen: 'react-docgen' },
  viteFinal(viteConfig) {
    // Workspace packages export `source` → TS source, so stories run without building the packages first.
    const conditions = viteConfig.resolve?.conditions ?? ['module', 'browser', 'development|production'];
    return {
      ...viteConfig,
      resolve: { ...viteConfig.resolve, conditions: ['source', ...conditions.filter((c) => c !== 'source')] },
    };
  },
};

export default config;
