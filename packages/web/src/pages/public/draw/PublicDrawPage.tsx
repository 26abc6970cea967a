/**
 * One draw's public record: the commitment, the sources with their times and values, the observer's input, the
 * seed, and once scoring has closed the inputs and drawn pairs under pseudonyms. 在浏览器中验证 re-runs the draw
 * here with the same domain code the server and `npm run verify-draw` use; a saved record file can be checked too.
 */
import { CheckCircleOutlined, DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { publicDrawRecordSchema, verifyPublicDraw, type PublicDrawRecord, type PublicVerifyOutcome } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Flex, Result, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { DrawCommitmentView } from '../../../components/draw/DrawCommitmentView';
import { PublicShell } from '../../../components/PublicShell';

interface Checked extends PublicVerifyOutcome {
  source: string;
}

function check(record: unknown, source: string): Checked {
  const parsed = publicDrawRecordSchema.safeParse(record);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, problems: [`记录文件格式有误：${first.path.join('.') || '（根）'} ${first.message}`], checked: [], source };
  }
  try {
    return { ...verifyPublicDraw(parsed.data), source };
  } catch (e) {
    return { ok: false, problems: [`复核时出错：${(e as Error).message}`], checked: [], source };
  }
}

function VerifyResult({ result }: { result: Checked }) {
  return result.ok ? (
    <Alert
      type="success"
      showIcon
      icon={<CheckCircleOutlined />}
      data-testid="verify-result"
      title={`一致：${result.source}按记录重新抽取，结果与记录逐字节相同`}
      description={`已核对：${result.checked.join('、')}。`}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid="verify-result"
      title={`不一致：${result.problems[0]}`}
      description={result.problems.length > 1 ? `另有 ${result.problems.length - 1} 处：${result.problems.slice(1).join('；')}` : `${result.source}未能复现抽取记录。`}
    />
  );
}

function download(record: PublicDrawRecord) {
  const blob = new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `draw-${record.id}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export default function PublicDrawPage() {
  const { id = '' } = useParams();
  const [result, setResult] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const draw = useQuery({ queryKey: ['public', 'draw', id], queryFn: ({ signal }) => api.get<PublicDrawRecord>(`/public/draws/${id}`, undefined, signal) });
  // Yield once so the spinner shows before the (synchronous) re-run.
  const run = (record: unknown, source: string) => {
    setBusy(true);
    setResult(null);
    setTimeout(() => {
      setResult(check(record, source));
      setBusy(false);
    }, 0);
  };
  const rec = draw.data;
  return (
    <PublicShell>
      <Typography.Paragraph>
        <Link to="/public/draws">← 抽取公示</Link>
      </Typography.Paragraph>
      {draw.isPending && <Spin />}
      {draw.error && <Result status="404" title="抽取记录不存在" subTitle={errorText(draw.error)} />}
      {rec && (
        <Flex vertical gap={16}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {rec.commitment.callTitle} · 评审专家随机抽取记录
          </Typography.Title>
          <Card title="抽取承诺与随机来源">
            <DrawCommitmentView record={rec} observerStatus={rec.status === 'committed' ? '待纪检监督在抽取前录入' : '评审结束后公开'} />
          </Card>
          <Card title="复核抽取">
            {!rec.published && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={rec.status === 'cancelled' ? '该承诺已撤销，未进行抽取。' : '完整抽取记录在专家评审结束后公开；在此之前只公开承诺。'}
                description="承诺哈希可以先记下：记录公开时，页面和命令行会核对记录中的承诺与此哈希一致。"
              />
            )}
            <Flex wrap gap={8} style={{ marginBottom: 16 }}>
              <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={!rec.published} loading={busy} onClick={() => run(rec, '本页记录')}>
                在浏览器中验证
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => download(rec)}>
                下载记录
              </Button>
              <Upload
                accept=".json,application/json"
                showUploadList={false}
                beforeUpload={(file) => {
                  void file.text().then(
                    (text) => {
                      try {
                        run(JSON.parse(text) as unknown, `文件「${file.name}」`);
                      } catch {
                        setResult({ ok: false, problems: [`文件「${file.name}」不是有效的 JSON。`], checked: [], source: file.name });
                      }
                    },
                    () => setResult({ ok: false, problems: [`无法读取文件「${file.name}」。`], checked: [], source: file.name }),
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>验证已保存的记录文件</Button>
              </Upload>
            </Flex>
            {result && <VerifyResult result={result} />}
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
              也可在本地复核：下载记录后在项目源码目录执行 <Typography.Text code>npm ci</Typography.Text> 和 <Typography.Text code>npm run verify-draw -- draw-记录.json</Typography.Text>
              ，一致时退出码为 0，否则打印第一处不一致。
            </Typography.Paragraph>
          </Card>
          {rec.published && rec.pairs && rec.inputs && rec.pseudonyms && (
            <Card title={`抽取结果（化名）：${rec.pairs.length} 个评审配对`}>
              <Table
                rowKey={(p) => `${p.application}/${p.expert}`}
                size="small"
                dataSource={rec.pairs}
                pagination={{ defaultPageSize: 20, showTotal: (t) => `共 ${t} 条`, showSizeChanger: false }}
                columns={[
                  { title: '申报书（化名）', dataIndex: 'application', sorter: (a, b) => a.application.localeCompare(b.application) },
                  { title: '专家（化名）', dataIndex: 'expert', sorter: (a, b) => a.expert.localeCompare(b.expert) },
                  { title: '亲和度', dataIndex: 'affinity', width: 90, align: 'right' },
                ]}
              />
              <Collapse
                style={{ marginTop: 16 }}
                items={[
                  {
                    key: 'inputs',
                    label: `抽取输入（化名）：${rec.inputs.applications.length} 份申报书、${rec.inputs.experts.length} 位专家、${rec.inputs.candidates.length} 个候选配对`,
                    children: (
                      <Table
                        rowKey={(c) => `${c.application}/${c.expert}`}
                        size="small"
                        dataSource={rec.inputs.candidates}
                        pagination={{ defaultPageSize: 20, showSizeChanger: false }}
                        columns={[
                          { title: '申报书', dataIndex: 'application' },
                          { title: '专家', dataIndex: 'expert' },
                          { title: '亲和度', dataIndex: 'affinity', width: 90, align: 'right' },
                        ]}
                      />
                    ),
                  },
                  {
                    key: 'pseudonyms',
                    label: '化名承诺（sha256(盐值 ‖ 真实编号)，盐值由纪检监督和审计管理员保管）',
                    children: (
                      <Table
                        rowKey="pseudonym"
                        size="small"
                        dataSource={[...rec.pseudonyms.applications, ...rec.pseudonyms.experts]}
                        pagination={{ defaultPageSize: 20, showSizeChanger: false }}
                        columns={[
                          { title: '化名', dataIndex: 'pseudonym', width: 90 },
                          { title: '身份承诺', dataIndex: 'commitment', render: (v: string) => <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>{v}</Typography.Text> },
                        ]}
                      />
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Flex>
      )}
    </PublicShell>
  );
}
