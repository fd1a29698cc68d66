import { Alert, Collapse, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ErrorCode } from '../../shared/errors';
import { ApiCallError } from '../api';
import type { Translate } from '../i18n';
import { useT } from '../i18n';

/**
 * What the page shows for a failed call: the code's message in the user's language. The core's `message` is English
 * detail for logs and support, so it is offered folded away (TechDetail), never as the text itself.
 */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ApiCallError ? error.code : 'internal';
}

export function errorText(t: Translate, error: unknown): string {
  return t(`error.code.${errorCodeOf(error)}`);
}

/** The technical text of an error, for the folded detail. */
export function errorDetail(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  return error instanceof Error ? error.message : String(error);
}

/** The original words (English, for support), folded away and copyable. */
export function TechDetail({ text, className }: { text: string | null; className?: string }) {
  const t = useT();
  if (!text) return null;
  return (
    <Collapse
      ghost
      size="small"
      className={className ? `tech-detail ${className}` : 'tech-detail'}
      items={[
        {
          key: 'detail',
          label: t('error.detail'),
          children: (
            <Typography.Text type="secondary" copyable>
              {text}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** An error alert: what happened in the user's words (`title`, else the code's message) and the detail folded. */
export function ErrorAlert({ error, title }: { error: unknown; title?: ReactNode }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? errorText(t, error)}
      description={
        <>
          {title ? errorText(t, error) : null}
          <TechDetail text={errorDetail(error)} />
        </>
      }
    />
  );
}
