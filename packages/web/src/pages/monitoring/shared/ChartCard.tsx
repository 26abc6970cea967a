/** A chart with its data: a 图表 / 数据 switch, and the export of the data behind the chart. */
import { BarChartOutlined, DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { Button, Flex, Segmented, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  /** Downloads the data as Excel; omit with `noExportReason` when the server has no export for it. */
  onExport?: () => Promise<unknown> | void;
  exportLabel?: string;
  noExportReason?: string;
  loading?: boolean;
  extra?: ReactNode;
}

export function ChartCard({ title, chart, table, onExport, exportLabel = '导出Excel', noExportReason, loading, extra }: Props) {
  const [view, setView] = useState<'chart' | 'data'>('chart');
  const [exporting, setExporting] = useState(false);
  const run = async () => {
    if (!onExport) return;
    setExporting(true);
    try {
      await onExport();
    } finally {
      setExporting(false);
    }
  };
  return (
    <ProCard
      title={title}
      headerBordered
      loading={loading}
      style={{ height: '100%' }}
      extra={
        <Flex gap={8} align="center" wrap>
          {extra}
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'data')}
            options={[
              { value: 'chart', label: '图表', icon: <BarChartOutlined /> },
              { value: 'data', label: '数据', icon: <TableOutlined /> },
            ]}
          />
          {onExport ? (
            <Tooltip title={exportLabel}>
              <Button size="small" aria-label={exportLabel} icon={<DownloadOutlined />} loading={exporting} onClick={() => void run()} />
            </Tooltip>
          ) : noExportReason ? (
            <Tooltip title={noExportReason}>
              <Button size="small" icon={<DownloadOutlined />} disabled>
                {exportLabel}
              </Button>
            </Tooltip>
          ) : null}
        </Flex>
      }
    >
      {view === 'chart' ? chart : table}
    </ProCard>
  );
}
