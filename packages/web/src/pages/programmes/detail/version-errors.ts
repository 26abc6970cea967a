/** Reactions shared by every change to a programme version: a frozen version is explained, not just refused. */
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isApiError } from '../../../api/errors';
import { useApiErrorHandler, type ApplyOptions } from '../../../api/form-errors';
import { programmeKeys } from '../../../api/programmes';

export function useVersionErrorHandler(code: string) {
  const { modal } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  return useCallback(
    (error: unknown, form?: FormInstance, options?: ApplyOptions) => {
      if (isApiError(error, 'VERSION_FROZEN')) {
        // The page may be stale (a call was published meanwhile): reload so the frozen tag shows.
        void queryClient.invalidateQueries({ queryKey: programmeKeys.detail(code) });
        modal.warning({ title: '该政策版本已冻结，不能修改', content: error.detail, okText: '知道了' });
        return;
      }
      onError(error, form, options);
    },
    [code, modal, onError, queryClient],
  );
}

/** After a version changed: the detail page and the list (current version) both show it. */
export function useRefreshProgramme(code: string) {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: programmeKeys.detail(code) });
    void queryClient.invalidateQueries({ queryKey: programmeKeys.list, exact: true });
  }, [code, queryClient]);
}
