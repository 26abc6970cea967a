/**
 * 节假日日历: the holidays and make-up working days (调休上班) that working-day periods (the public notice) count
 * with. Officers add or remove a day, or import a year's arrangement as a whole when the State Council's notice
 * for that year appears; 2026 is seeded from the official notice.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { CALENDAR_DAY_KIND_LABELS, OFFICIAL_CALENDAR_2026, OFFICIAL_CALENDAR_SOURCE_2026, isoWeekday, type CalendarDayOut, type CalendarYear } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { applyFieldErrors } from '../../../api/form-errors';
import { dayjs } from '../../../lib/time';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const officialText = (days: readonly { date: string; kind: 'holiday' | 'workday'; name: string }[]) => days.map((d) => `${d.date},${d.kind === 'holiday' ? '放假' : '上班'},${d.name}`).join('\n');

function ImportDialog({ year, open, onClose, onDone }: { year: number; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ text: string; source: string }>();
  const { message } = App.useApp();
  const imported = useMutation({
    mutationFn: (v: { text: string; source: string }) => api.post<CalendarYear>('/review/working-calendar/import', { year, ...v }),
    onSuccess: (r) => {
      void message.success(`已导入${year}年：${r.days.length}天`);
      onDone();
    },
    onError: (e) => (isApiError(e) && e.errors.length ? form.setFields([{ name: 'text', errors: e.errors.map((x) => `第${x.field.split('.')[1]}行：${x.message}`) }]) : void message.error(errorText(e))),
  });
  return (
    <Modal open={open} title={`导入${year}年节假日安排（替换该年原有设置）`} okText="导入" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={imported.isPending} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => imported.mutate(v)} initialValues={{ source: '' }}>
        {year === 2026 && (
          <Button style={{ marginBottom: 12 }} onClick={() => form.setFieldsValue({ text: officialText(OFFICIAL_CALENDAR_2026), source: OFFICIAL_CALENDAR_SOURCE_2026 })}>
            填入国务院办公厅2026年安排
          </Button>
        )}
        <Form.Item name="text" label="每行一天：日期,放假|上班,节日名称" rules={[{ required: true, message: '请填写要导入的日期' }]}>
          <Input.TextArea rows={12} placeholder={'2027-01-01,放假,元旦\n2027-02-06,上班,春节'} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="source" label="依据（文件名称与日期）" rules={[{ max: 100, message: '不超过100个字' }]}>
          <Input placeholder="如：国务院办公厅关于2027年部分节假日安排的通知" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function WorkingCalendarPage() {
  const [year, setYear] = useState(() => Number(dayjs().tz('Asia/Shanghai').format('YYYY')));
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<{ date?: dayjs.Dayjs; kind: 'holiday' | 'workday'; name: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['review', 'working-calendar', year];
  const calendar = useQuery({ queryKey: key, queryFn: () => api.get<CalendarYear>('/review/working-calendar', { year }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['review', 'working-calendar'] });
  const setDay = useMutation({
    mutationFn: (v: { date: string; kind: string; name: string }) => api.put(`/review/working-calendar/${v.date}`, { kind: v.kind, name: v.name }),
    onSuccess: () => {
      void message.success('已保存');
      form.resetFields(['date']);
      refresh();
    },
    onError: (e) => (isApiError(e) && e.errors.length ? applyFieldErrors(form, e) : void message.error(errorText(e))),
  });
  const remove = useMutation({ mutationFn: (date: string) => api.delete(`/review/working-calendar/${date}`), onSuccess: refresh, onError: (e) => void message.error(errorText(e)) });
  const years = [...new Set([...(calendar.data?.years ?? []), year - 1, year, year + 1])].sort();
  const columns: ProColumns<CalendarDayOut>[] = [
    { title: '日期', dataIndex: 'date', width: 120, sorter: (a, b) => a.date.localeCompare(b.date), defaultSortOrder: 'ascend' },
    { title: '星期', width: 70, render: (_, r) => WEEKDAYS[isoWeekday(r.date)] },
    { title: '类型', dataIndex: 'kind', width: 110, filters: [{ text: '放假', value: 'holiday' }, { text: '调休上班', value: 'workday' }], onFilter: (v, r) => r.kind === v, render: (_, r) => <Tag color={r.kind === 'holiday' ? 'red' : 'blue'}>{CALENDAR_DAY_KIND_LABELS[r.kind]}</Tag> },
    { title: '节日', dataIndex: 'name', width: 120 },
    { title: '依据', dataIndex: 'source', ellipsis: true },
    { title: '操作', width: 80, render: (_, r) => <Popconfirm title={`删除 ${r.date} 的设置？删除后按星期计算。`} okText="删除" cancelText="取消" onConfirm={() => remove.mutate(r.date)}><a>删除</a></Popconfirm> },
  ];
  return (
    <PageContainer title="节假日日历" content="工作日按周一至周五计算，另按本日历扣除法定节假日、计入调休上班日。公示期等以工作日计的期限均按此计算。">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" initialValues={{ kind: 'holiday' }} onFinish={(v) => setDay.mutate({ date: v.date!.format('YYYY-MM-DD'), kind: v.kind, name: v.name })} style={{ rowGap: 12 }}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker aria-label="日期" />
          </Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select aria-label="类型" style={{ width: 130 }} options={[{ value: 'holiday', label: '放假' }, { value: 'workday', label: '调休上班' }]} />
          </Form.Item>
          <Form.Item name="name" label="节日" rules={[{ required: true, whitespace: true, message: '请填写节日名称' }, { max: 20, message: '不超过20个字' }]}>
            <Input placeholder="如：春节" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={setDay.isPending}>添加或修改</Button>
          </Form.Item>
        </Form>
      </Card>
      <ProTable<CalendarDayOut>
        rowKey="date"
        headerTitle={
          <Space>
            <Select aria-label="年份" value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
            <Typography.Text type="secondary">
              放假 {calendar.data?.days.filter((d) => d.kind === 'holiday').length ?? 0} 天，调休上班 {calendar.data?.days.filter((d) => d.kind === 'workday').length ?? 0} 天
            </Typography.Text>
          </Space>
        }
        toolBarRender={() => [<Button key="import" onClick={() => setImporting(true)}>导入全年安排</Button>]}
        columns={columns}
        dataSource={calendar.data?.days ?? []}
        loading={calendar.isLoading}
        search={false}
        options={false}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: <Flex vertical align="center" style={{ padding: 24 }}>{year}年尚未录入节假日安排：请在国务院办公厅发布当年安排后导入，未录入时仅按周末计算。</Flex> }}
        size="small"
      />
      <ImportDialog year={year} open={importing} onClose={() => setImporting(false)} onDone={() => { setImporting(false); refresh(); }} />
    </PageContainer>
  );
}
