import { Alert, Collapse, Progress, Typography } from 'antd';
import type { ImportFailureReason, ImportResult } from '../../../shared/recording';
import { useT } from '../../i18n';
import { TechDetail } from '../../shell/errors';
import { formatElapsed } from './format';
import { useImport } from './import-store';

/** Files done / total, the file being worked on, elapsed time and ETA, from the job's progress events. */
export function ImportProgress() {
  const t = useT();
  const { progress, kind } = useImport();
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="imp-progress" data-testid="import-progress">
      <Typography.Text strong>{t(kind === 'sample' ? 'imp.sample' : 'imp.running')}</Typography.Text>
      <Progress
        percent={total ? Math.floor((done / total) * 100) : 0}
        status="active"
        aria-label={t('imp.progress', { done, total })}
      />
      <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="import-counts">
        {t('imp.progress', { done, total })}
      </Typography.Paragraph>
      {progress?.current && (
        <Typography.Paragraph type="secondary" ellipsis style={{ marginBottom: 4 }}>
          {t('imp.current', { file: progress.current })}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary">
        {t('imp.elapsed', { time: formatElapsed(progress?.elapsedMs ?? 0) })}
        {progress?.etaMs !== undefined && done < total
          ? ` · ${t('imp.eta', { time: formatElapsed(progress.etaMs) })}`
          : ''}
      </Typography.Text>
    </div>
  );
}

function PathList({ rows, testId }: { rows: { path: string; detail?: string; technical?: string }[]; testId: string }) {
  return (
    <ul className="imp-list" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.path}>
          <Typography.Text code>{row.path}</Typography.Text>
          {row.detail && <div className="imp-reason">{row.detail}</div>}
          {row.technical && <TechDetail text={row.technical} />}
        </li>
      ))}
    </ul>
  );
}

/** A decoder's reason in the page's language; a headerless file also says what its extension made of it. */
function reasonText(t: ReturnType<typeof useT>, reason: ImportFailureReason): string {
  const text = t(`imp.reason.${reason.key}`, reason.values);
  if (!reason.byExtension) return text;
  return text + t('imp.reason.byExtension', { extension: reason.byExtension, codec: String(reason.values.codec) });
}

/**
 * Imported / duplicates / failed / skipped, each failed file with its reason: the translated code, then the
 * decoder's reason in the page's language, or for other failures the core's detail; and the imported files that
 * came with a warning (a WAV shorter than its header says).
 */
export function ImportSummary({ result }: { result: ImportResult }) {
  const t = useT();
  const failed = result.failed.filter((f) => f.code !== 'cancelled');
  const skipped = result.failed.length - failed.length;
  const warned = result.imported.filter((i) => i.warning);
  const sameCallId = result.sameCallId ?? [];
  const type =
    result.cancelled ||
    failed.length ||
    warned.length ||
    sameCallId.length ||
    result.skipped.some((s) => s.code !== 'not_audio')
      ? 'warning'
      : 'success';
  const sections = [
    {
      key: 'failed',
      label: `${t('imp.failed')} (${failed.length})`,
      // The code and the decoder's reason in the page's language; the core's own (English) words only on request.
      rows: failed.map((f) => ({
        path: f.path,
        detail: f.reason ? `${t(`imp.fail.${f.code}`)}：${reasonText(t, f.reason)}` : t(`imp.fail.${f.code}`),
        technical: f.reason ? undefined : f.error,
      })),
    },
    {
      key: 'warnings',
      label: `${t('imp.warnings')} (${warned.length})`,
      rows: warned.map((i) => ({
        path: i.path,
        detail: t('imp.warn.truncated', {
          declared: i.warning!.declaredBytes.toLocaleString('zh-CN'),
          available: i.warning!.availableBytes.toLocaleString('zh-CN'),
        }),
      })),
    },
    {
      key: 'sameCallId',
      label: `${t('imp.sameCallId')} (${sameCallId.length})`,
      rows: sameCallId.map((g) => ({
        path: g.callId,
        detail: t('imp.sameCallId.detail', { callId: g.callId, count: g.files.length, files: g.files.join('、') }),
      })),
    },
    {
      key: 'skipped',
      label: `${t('imp.skipped')} (${result.skipped.length})`,
      rows: result.skipped.map((f) => ({ path: f.path, detail: t(`imp.skip.${f.code}`) })),
    },
    {
      key: 'duplicates',
      label: `${t('imp.duplicates')} (${result.duplicates.length})`,
      rows: result.duplicates.map((d) => ({ path: d.path })),
    },
    {
      key: 'imported',
      label: `${t('imp.imported')} (${result.imported.length})`,
      rows: result.imported.map((i) => ({ path: i.path })),
    },
  ].filter((s) => s.rows.length > 0);
  return (
    <div data-testid="import-summary">
      <Alert
        type={type}
        showIcon
        title={t(result.cancelled ? 'imp.cancelled' : 'imp.done')}
        description={
          t('imp.summary', {
            imported: result.imported.length,
            duplicates: result.duplicates.length,
            failed: failed.length,
            time: formatElapsed(result.elapsedMs),
          }) +
          (result.skipped.length ? t('imp.summary.skipped', { skipped: result.skipped.length }) : '') +
          (skipped ? ` · ${t('imp.fail.cancelled')} ${skipped}` : '')
        }
      />
      {sections.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          // Failures and duplicates are what the inspector has to act on, so they start open.
          defaultActiveKey={sections.filter((s) => s.key !== 'imported').map((s) => s.key)}
          items={sections.map((s) => ({
            key: s.key,
            label: s.label,
            children: <PathList rows={s.rows} testId={`import-${s.key}`} />,
          }))}
        />
      )}
    </div>
  );
}
