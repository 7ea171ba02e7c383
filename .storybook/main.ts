import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../packages/widgets/src/**/*.stories.@(ts|tsx)', '../packages/widgets/src/**/*.mdx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
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
