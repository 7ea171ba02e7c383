/**
 * jsdom has no modal dialogs: installs a stand-in doing what Chromium does (`showModal()` opens and focuses the first
 * button; Escape fires a cancelable `cancel`, then closes; `close()` fires `close`). Call it once per test file, in
 * `beforeAll`; the stories run the real one.
 */
export function installDialogStandIn(): void {
  const proto = HTMLDialogElement.prototype;
  proto.showModal = function (this: HTMLDialogElement) {
    this.open = true;
    this.querySelector<HTMLElement>('button')?.focus();
  };
  proto.close = function (this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
  document.addEventListener('keydown', (event) => {
    const dialog = document.querySelector('dialog[open]');
    if (event.key === 'Escape' && dialog?.dispatchEvent(new Event('cancel', { cancelable: true }))) {
      (dialog as HTMLDialogElement).close();
    }
  });
}
