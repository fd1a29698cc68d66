import { Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

export function EmptyPage({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <Empty
      style={{ marginTop: 96 }}
      description={
        <>
          <Typography.Title level={4}>{title}</Typography.Title>
          <Typography.Paragraph type="secondary">{body}</Typography.Paragraph>
        </>
      }
    >
      {children}
    </Empty>
  );
}
