/** One section of the call's template: each text item with its required mark, character counter and limit (NB-11). */
import { charCount, maxCharsOf, type FormSection } from '@kechuang/domain';
import { Form, Input, Typography } from 'antd';
import { fieldId, type Content, type Reason } from '../model';
import { ReasonAlerts } from './ReasonAlerts';

export function TextSection({ section, content, setContent, disabled, reasons }: { section: FormSection; content: Content; setContent: (u: (c: Content) => Content) => void; disabled: boolean; reasons: readonly Reason[] }) {
  const texts = section.items.filter((i) => i.kind === 'richText' || i.kind === 'text');
  return (
    <Form layout="vertical" component="div">
      {texts.map((item) => {
        const path = `sections.${item.key}`;
        const value = content.sections?.[item.key] ?? '';
        const max = maxCharsOf(item);
        const n = charCount(value);
        return (
          <div key={item.key}>
            <ReasonAlerts reasons={reasons} field={path} exact />
            <Form.Item
              label={item.title}
              required={item.required}
              htmlFor={fieldId(path)}
              extra={
                <span style={{ display: 'flex', justifyContent: 'space-between' }}>
                  <span>{item.hint ?? ''}</span>
                  <Typography.Text type={n > max ? 'danger' : 'secondary'} data-testid={`count-${item.key}`}>
                    {n} / {max} 字
                  </Typography.Text>
                </span>
              }
              validateStatus={n > max ? 'error' : undefined}
            >
              {item.kind === 'text' ? (
                <Input id={fieldId(path)} value={value} disabled={disabled} onChange={(e) => setContent((c) => ({ ...c, sections: { ...c.sections, [item.key]: e.target.value } }))} />
              ) : (
                <Input.TextArea id={fieldId(path)} value={value} disabled={disabled} autoSize={{ minRows: 3, maxRows: 12 }} onChange={(e) => setContent((c) => ({ ...c, sections: { ...c.sections, [item.key]: e.target.value } }))} />
              )}
            </Form.Item>
          </div>
        );
      })}
    </Form>
  );
}
