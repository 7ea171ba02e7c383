/** A keyset page: its items under some name, and the cursor of the next page (`null` or absent after the last). */
export interface CursorPage {
  nextCursor?: string | null;
}

/**
 * Every item of a keyset-paged list, page after page: asks for the next page only when the previous one has been
 * consumed, and stops after the page whose `nextCursor` is `null`. Breaking out of the loop stops asking.
 */
export async function* paginate<P extends CursorPage, T>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  itemsOf: (page: P) => readonly T[],
  firstCursor?: string,
): AsyncGenerator<T, void, undefined> {
  let cursor = firstCursor;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* itemsOf(page);
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
