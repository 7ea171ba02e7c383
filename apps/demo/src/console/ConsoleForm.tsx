import type { ComponentPropsWithoutRef } from 'react';

/** Props of {@link ConsoleForm}: a `<form>`'s, with `onSubmit` given no event (the page never reloads). */
interface ConsoleFormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  /** The id of the form's heading: the form is named by it. */
  titleId: string;
  onSubmit: () => void;
}

/** One of the console's forms: named by its heading, submitted without a page load. */
export function ConsoleForm({ titleId, onSubmit, className, ...rest }: ConsoleFormProps) {
  return (
    <form
      {...rest}
      className={className ? `demo-form ${className}` : 'demo-form'}
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    />
  );
}
