import { lazy, useEffect, type ComponentType, type LazyExoticComponent } from 'react';

/** A widget's lazily loaded panel: the component to render, and a hook that starts its download on mount. */
export interface LazyPanel<P> {
  /** Renders the panel once loaded (inside `<Suspense>`). */
  Panel: LazyExoticComponent<ComponentType<P>>;
  /**
   * Starts the download when the widget mounts, in parallel with the bootstrap request, so the panel is
   * usually there by the time the data is (ARCHITECTURE.md, Budgets). A failed download is retried when rendered.
   */
  usePreload(): void;
}

/**
 * The code a widget shows only once the bootstrap has answered, as its own chunk. The panel module must import
 * nothing the package index exports (parts and strings come in as props), so bundlers split it off cleanly and
 * pages without the widget load none of it.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazyPanel<P>(load: () => Promise<ComponentType<P>>): LazyPanel<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => (loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
  return {
    Panel: lazy(() => start().then((component) => ({ default: component }))),
    usePreload: () => useEffect(() => void start().catch(() => undefined), []),
  };
}
