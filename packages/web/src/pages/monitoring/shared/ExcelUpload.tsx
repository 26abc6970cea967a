/** An 上传 button for an Excel file: picks one .xlsx, posts it, and hands back the server's result. */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useState } from 'react';
import type { Query } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonUploadResult } from '../../../api/types';
import { uploadFile } from './api';

interface Props {
  path: string;
  query?: Query;
  label?: string;
  disabled?: boolean;
  onDone: (result: MonUploadResult) => void;
}

export function ExcelUpload({ path, query, label = '上传Excel', disabled, onDone }: Props) {
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      showUploadList={false}
      maxCount={1}
      disabled={disabled || busy}
      customRequest={async ({ file, onSuccess, onError: fail }) => {
        setBusy(true);
        try {
          const result = await uploadFile<MonUploadResult>(path, file as File, query);
          onSuccess?.(result);
          onDone(result);
        } catch (error) {
          fail?.(error as Error);
          onError(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} disabled={disabled}>
        {label}
      </Button>
    </Upload>
  );
}
