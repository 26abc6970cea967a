/** Puts the server's per-field problems (`errors[].field` dot paths) under the matching antd form fields. */
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, errorText, isRedirectedError } from './errors';

export type NamePath = (string | number)[];

/** `organisation.creditCode` → ['organisation', 'creditCode']; `items[2].name` / `items.2.name` → ['items', 2, 'name']. */
export function toNamePath(field: string): NamePath {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface ApplyOptions {
  /** Dot paths the form actually has; errors on other fields are returned instead of set. */
  fields?: readonly string[];
  /** Rename a server path to the form's path (e.g. drop an `organisation.` prefix); null skips it. */
  mapField?: (field: string) => string | null;
}

/** Sets each field error on the form and returns the ones no field could show. */
export function applyFieldErrors(form: FormInstance, error: ApiError, options: ApplyOptions = {}): ApiError['errors'] {
  const unmatched: ApiError['errors'] = [];
  const grouped = new Map<string, string[]>();
  for (const e of error.errors) {
    const field = options.mapField ? options.mapField(e.field) : e.field;
    if (field === null || field === '' || (options.fields && !options.fields.includes(field))) {
      unmatched.push(e);
      continue;
    }
    grouped.set(field, [...(grouped.get(field) ?? []), e.message]);
  }
  if (grouped.size > 0) {
    form.setFields([...grouped].map(([field, errors]) => ({ name: toNamePath(field), errors })));
    form.scrollToField(toNamePath([...grouped.keys()][0]!), { block: 'center', behavior: 'smooth' });
  }
  return unmatched;
}

/**
 * The standard reaction to a failed request: field errors under their fields, and the problem's
 * detail (plus any field error no field could show) as a message.
 */
export function useApiErrorHandler() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance, options?: ApplyOptions) => {
      if (isRedirectedError(error)) return;
      if (!(error instanceof ApiError)) {
        console.error(error);
        void message.error(errorText(error));
        return;
      }
      const unmatched = form ? applyFieldErrors(form, error, options) : error.errors;
      // When every problem now sits under its field, the detail (which lists them with their
      // machine field names) adds nothing: say where to look instead.
      if (error.errors.length > 0 && unmatched.length === 0) {
        void message.error(`${error.title}，请按标红的提示修改`);
        return;
      }
      const extra = unmatched.map((e) => e.message).filter((m) => !error.detail.includes(m));
      void message.error([error.detail, ...extra].join('；'));
    },
    [message],
  );
}

/**
 * Some refusals name no field but clearly belong to one (USERNAME_TAKEN → the username box):
 * give such a problem a field error so it shows where the user will fix it.
 */
export function attachCodeToField(error: unknown, codeFields: Record<string, string>): unknown {
  if (!(error instanceof ApiError) || error.errors.length > 0) return error;
  const field = codeFields[error.code];
  if (!field) return error;
  return new ApiError(error.status, {
    title: error.title,
    detail: error.detail,
    code: error.code,
    errors: [{ field, message: error.detail }],
    ...error.extra,
  });
}
