/** Downloads the filtered list a table is showing as Excel, with a busy flag for the button. */
import { useRef, useState } from 'react';
import { api, type Query } from '../api/client';
import { useApiErrorHandler } from '../api/form-errors';

export function useExcelExport(path: string, fallbackName: string, onDone?: () => void) {
  const onError = useApiErrorHandler();
  const [exporting, setExporting] = useState(false);
  /** The query of the last table request: the export repeats it without paging. */
  const lastQuery = useRef<Query>({});
  const exportExcel = async () => {
    setExporting(true);
    try {
      await api.download(path, lastQuery.current, fallbackName);
      onDone?.();
    } catch (error) {
      onError(error);
    } finally {
      setExporting(false);
    }
  };
  return { exporting, exportExcel, lastQuery };
}
