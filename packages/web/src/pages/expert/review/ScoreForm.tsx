/**
 * The score sheet (评分表): one score per criterion within its maximum (typed as text and read exactly by the
 * domain's parsePointsCenti), a comment where the rubric requires one, the overall opinion; the draft autosaves
 * a moment after each change, and submission asks for confirmation (a submitted sheet cannot be changed).
 */
import { formatCenti, parsePointsCenti, sheetTotalCenti, type AssignmentDetail, type ScoreSheetInput } from '@kechuang/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Statistic, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';

interface Entry {
  points: string;
  comment: string;
}

function initial(detail: AssignmentDetail): { entries: Record<string, Entry>; opinion: string } {
  const s = detail.sheet;
  return {
    entries: Object.fromEntries(detail.criteria.map((c) => {
      const e = s?.entries[c.key];
      return [c.key, { points: e?.pointsCenti === null || e?.pointsCenti === undefined ? '' : formatCenti(e.pointsCenti).replace(/\.00$/, ''), comment: e?.comment ?? '' }];
    })),
    opinion: s?.opinion ?? '',
  };
}

function toInput(entries: Record<string, Entry>, opinion: string): ScoreSheetInput {
  return { entries: Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, { pointsCenti: e.points.trim() === '' ? null : parsePointsCenti(e.points), comment: e.comment }])), opinion };
}

export function ScoreForm({ detail }: { detail: AssignmentDetail }) {
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const readOnly = detail.state !== 'scoring';
  const [state, setState] = useState(() => initial(detail));
  const [savedAt, setSavedAt] = useState<string | null>(detail.sheet?.updatedAt ?? null);
  const dirty = useRef(false);
  const url = `/review/assignments/${detail.id}/sheet`;

  const save = useMutation({
    mutationFn: (body: ScoreSheetInput) => api.put<AssignmentDetail>(url, body),
    onSuccess: (d) => setSavedAt(d.sheet?.updatedAt ?? null),
    onError: (e) => onError(e),
  });
  const submit = useMutation({
    mutationFn: (body: ScoreSheetInput) => api.post<AssignmentDetail>(`${url}/submit`, body),
    onSuccess: (d) => {
      qc.setQueryData(['expert', 'review', detail.id], d);
      void qc.invalidateQueries({ queryKey: ['expert', 'reviews'] });
      void message.success('评分表已提交');
    },
    onError: (e) => onError(e),
  });

  // Autosave: a second and a half after the last change (the browser's timer; the server schedules nothing).
  useEffect(() => {
    if (readOnly || !dirty.current) return;
    const timer = setTimeout(() => save.mutate(toInput(state.entries, state.opinion)), 1500);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, readOnly]);

  const change = (key: string, patch: Partial<Entry>) => {
    dirty.current = true;
    setState((s) => ({ ...s, entries: { ...s.entries, [key]: { ...s.entries[key]!, ...patch } } }));
  };

  const problems = useMemo(() => {
    const out: Record<string, string> = {};
    for (const c of detail.criteria) {
      const e = state.entries[c.key]!;
      if (e.points.trim() !== '') {
        const p = parsePointsCenti(e.points);
        if (p === null) out[`${c.key}.points`] = '分值最多两位小数';
        else if (p > c.maxPoints * 100) out[`${c.key}.points`] = `最高${c.maxPoints}分`;
      }
    }
    return out;
  }, [state, detail.criteria]);

  const total = useMemo(() => {
    const pts: Record<string, number> = {};
    for (const c of detail.criteria) {
      const p = parsePointsCenti(state.entries[c.key]!.points);
      if (p === null || p > c.maxPoints * 100) return null;
      pts[c.key] = p;
    }
    return sheetTotalCenti(detail.criteria, pts);
  }, [state, detail.criteria]);

  const missing = detail.criteria.filter((c) => state.entries[c.key]!.points.trim() === '' || (c.commentRequired && !state.entries[c.key]!.comment.trim()));

  const confirmSubmit = () =>
    modal.confirm({
      title: '确认提交评分表？',
      content: `总分 ${total === null ? '—' : formatCenti(total)} 分。提交后不可修改。`,
      okText: '确认提交',
      cancelText: '再检查一下',
      onOk: () => submit.mutateAsync(toInput(state.entries, state.opinion)),
    });

  return (
    <Card
      title="评分表"
      size="small"
      extra={<Statistic title="总分" value={total === null ? '—' : formatCenti(total)} valueStyle={{ fontSize: 20 }} />}
    >
      {detail.state === 'submitted' && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`已于 ${formatDateTime(detail.sheet?.submittedAt)} 提交，评分表不可再修改。`} />}
      {detail.state === 'closed' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="评分已截止，不能再修改或提交。" />}
      <Form layout="vertical" component="div" disabled={readOnly}>
        {detail.criteria.map((c) => {
          const e = state.entries[c.key]!;
          const err = problems[`${c.key}.points`];
          return (
            <div key={c.key} style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}>
              <Form.Item
                label={<span>{c.name}<Typography.Text type="secondary">（满分 {c.maxPoints} 分{c.weight !== c.maxPoints ? `，权重 ${c.weight}` : ''}）</Typography.Text></span>}
                help={err ?? c.description}
                validateStatus={err ? 'error' : undefined}
                required
                htmlFor={`score-${c.key}`}
                style={{ marginBottom: 8 }}
              >
                <InputNumber
                  id={`score-${c.key}`}
                  aria-label={`${c.name}得分`}
                  stringMode
                  min="0"
                  max={String(c.maxPoints)}
                  step="0.5"
                  precision={undefined}
                  value={e.points === '' ? null : e.points}
                  onChange={(v) => change(c.key, { points: v === null ? '' : String(v) })}
                  style={{ width: 140 }}
                  addonAfter="分"
                />
              </Form.Item>
              <Form.Item label={`${c.name}评语`} required={c.commentRequired} htmlFor={`comment-${c.key}`} style={{ marginBottom: 12 }}>
                <Input.TextArea id={`comment-${c.key}`} aria-label={`${c.name}评语`} value={e.comment} autoSize={{ minRows: c.commentRequired ? 2 : 1, maxRows: 6 }} maxLength={2000} onChange={(ev) => change(c.key, { comment: ev.target.value })} />
              </Form.Item>
            </div>
          );
        })}
        <Form.Item label="总体意见" htmlFor="score-opinion">
          <Input.TextArea id="score-opinion" aria-label="总体意见" value={state.opinion} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} onChange={(ev) => { dirty.current = true; setState((s) => ({ ...s, opinion: ev.target.value })); }} />
        </Form.Item>
      </Form>
      {!readOnly && (
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type="secondary" data-testid="autosave">
            {save.isPending ? '正在保存草稿…' : savedAt ? `草稿已自动保存 ${formatDateTime(savedAt)}` : '修改后自动保存草稿'}
          </Typography.Text>
          <Button type="primary" disabled={missing.length > 0 || Object.keys(problems).length > 0} loading={submit.isPending} onClick={confirmSubmit}>
            提交评分表
          </Button>
        </Space>
      )}
      {!readOnly && missing.length > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>尚未完成：{missing.map((c) => c.name).join('、')}</Typography.Paragraph>}
    </Card>
  );
}
