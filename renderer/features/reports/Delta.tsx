import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useT } from '../../i18n';

/**
 * A difference in points, with an arrow and a colour and a sign, so it reads without the colour too (print, colour
 * blindness); the label says what it is compared with.
 */
export function Delta({ value, against }: { value: number | null; against: 'overall' | 'previous' }) {
  const t = useT();
  if (value === null) return <span>—</span>;
  const text = (value > 0 ? '+' : '') + value.toFixed(2);
  const label = t(
    value > 0 ? `reports.delta.${against}.up` : value < 0 ? `reports.delta.${against}.down` : 'reports.delta.same',
    { value: Math.abs(value).toFixed(2) },
  );
  const icon = value > 0 ? <ArrowUpOutlined /> : value < 0 ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <Typography.Text
      aria-label={label}
      title={label}
      className={`report-delta ${value > 0 ? 'report-up' : value < 0 ? 'report-down' : 'report-same'}`}
    >
      {icon} {text}
    </Typography.Text>
  );
}
