import type { RapportClient } from '@rapport/core';
import { useRapportContext } from './RapportContext.js';

/** The client given to the nearest `<RapportProvider>`; throws a clear error outside one. */
export function useRapportClient(): RapportClient {
  return useRapportContext('useRapportClient').client;
}
