/**
 * A ProTable backed by a paged, sorted, filtered API list, with an Excel export of exactly what the
 * table is filtered to (the export repeats the last request's query without paging).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useRef, useState } from 'react';
import { api, type Query } from '../api/client';
import { useApiErrorHandler } from '../api/form-errors';
import type { Page } from '../api/types';
import { filtersOf, sortParam, toTableResult, type TableParams } from './pro-table';

interface Options {
  path: string;
  sortable: readonly string[];
  defaultSort?: string;
  exportPath: string;
  exportName: string;
  /** After a successful export (the audit page reloads: the export is itself an audited event). */
  onExported?: () => void;
}

export function useServerTable<T>({ path, sortable, defaultSort, exportPath, exportName, onExported }: Options) {
  const onError = useApiErrorHandler();
  const lastQuery = useRef<Query>({});
  const [exporting, setExporting] = useState(false);

  const request = (params: TableParams, sort: Record<string, SortOrder>) => {
    const query: Query = { ...filtersOf(params), sort: sortParam(sort, sortable, defaultSort) };
    lastQuery.current = query;
    return toTableResult(() => api.get<Page<T>>(path, { ...query, page: params.current ?? 1, pageSize: params.pageSize ?? 20 }), onError);
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      await api.download(exportPath, lastQuery.current, exportName);
      onExported?.();
    } catch (error) {
      onError(error);
    } finally {
      setExporting(false);
    }
  };

  const exportButton = (
    <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
      导出Excel
    </Button>
  );
  return { request, exportButton };
}
