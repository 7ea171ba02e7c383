import { RapportProvider } from '@rapport/react';
import type { Decorator } from '@storybook/react-vite';
import { useState, type ReactNode } from 'react';
import { createStoryClient, type StoryClientOptions } from './createStoryClient.js';

function StoryRapportProvider({ options, children }: { options: StoryClientOptions; children: ReactNode }) {
  // One client (and so one private QueryClient) per mounted story: stories never share a cache.
  const [client] = useState(() => createStoryClient(options));
  return <RapportProvider client={client}>{children}</RapportProvider>;
}

/**
 * Decorator putting the story in a `<RapportProvider>` whose client answers from fixtures.
 * Configure it per story with `parameters: { rapport: { mode, bootstrap } }` ({@link StoryClientOptions}).
 */
export const withRapport: Decorator = (Story, context) => {
  const options = (context.parameters.rapport ?? {}) as StoryClientOptions;
  return (
    <StoryRapportProvider key={context.id} options={options}>
      <Story />
    </StoryRapportProvider>
  );
};
