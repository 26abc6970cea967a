/**
 * 创新联合体 (YJ-5) of an organisation, kept by officers: expert review's 回避 excludes an expert whose organisation
 * (or own record) is in a consortium with the applicant or a partner.
 */
import { Button, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { Organisation } from '../../../api/types';

export function ConsortiaCell({ org, onSaved }: { org: Organisation; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string[]>(org.consortia);
  const [saving, setSaving] = useState(false);
  const onError = useApiErrorHandler();
  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/organisations/${org.id}/consortia`, { consortia: value });
      setOpen(false);
      onSaved();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space size={4} wrap>
      {org.consortia.map((c) => <Tag key={c}>{c}</Tag>)}
      {org.actions.editConsortia && (
        <Button type="link" size="small" onClick={() => { setValue(org.consortia); setOpen(true); }} aria-label={`登记${org.name}所属创新联合体`}>
          {org.consortia.length ? '修改' : '登记'}
        </Button>
      )}
      <Modal title={`${org.name}：所属创新联合体`} open={open} onOk={save} confirmLoading={saving} onCancel={() => setOpen(false)} okText="保存" cancelText="取消" destroyOnHidden>
        <Select mode="tags" style={{ width: '100%' }} value={value} onChange={setValue} placeholder="输入创新联合体名称后回车" aria-label="所属创新联合体" tokenSeparators={['，', ',']} />
        <p style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>评审回避依据：专家（或其所在单位）与申报单位、合作单位同属一个创新联合体的，予以回避。</p>
      </Modal>
    </Space>
  );
}
