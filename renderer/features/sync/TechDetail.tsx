import { Collapse, Typography } from 'antd';
import { useT } from '../../i18n';

/**
 * The server's or the app's own words (English, for support), folded away: the user reads the translated reason,
 * and can still copy the exact text into a ticket.
 */
export function TechDetail({ text }: { text: string | null }) {
  const t = useT();
  if (!text) return null;
  return (
    <Collapse
      ghost
      size="small"
      className="sync-tech-detail"
      items={[
        {
          key: 'detail',
          label: t('sync.techDetail'),
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
