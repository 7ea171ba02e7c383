import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A write from the console through `callConsole`; when it succeeds, every query whose key starts with one of
 * `invalidates` refetches. Its error is a `RapportError` for `WriteFeedback`.
 */
export function useConsoleWrite<T, R>(write: (input: T) => Promise<R>, invalidates: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => Promise.all(invalidates.map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}
