// A labelled on/off setting of a form, with its state in words beside the switch: the switch's
// own inner text (white on the grey "off" track) falls short of 4.5:1 contrast.
import { Form, Space, Switch, Typography } from 'antd';

export function SwitchField({ name, id, label, on, off }: { name: string; id: string; label: string; on: string; off: string }) {
  const form = Form.useFormInstance();
  const checked = Form.useWatch(name, form) as boolean | undefined;
  return (
    <Form.Item label={label} htmlFor={id}>
      <Space>
        <Form.Item name={name} valuePropName="checked" noStyle>
          <Switch id={id} />
        </Form.Item>
        <Typography.Text data-testid={`${id}-state`}>{checked ? on : off}</Typography.Text>
      </Space>
    </Form.Item>
  );
}
