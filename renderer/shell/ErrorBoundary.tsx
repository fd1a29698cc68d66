import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { translate, useI18n } from '../i18n';
import { TechDetail } from './errors';

interface Props {
  children: ReactNode;
  /** Changing it clears the error, so moving to another page recovers. */
  resetKey?: string;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const language = useI18n.getState().language;
    return (
      <Result
        status="error"
        title={translate(language, 'error.title')}
        subTitle={
          <>
            {translate(language, 'error.crashed')}
            <TechDetail text={this.state.error.message} />
          </>
        }
        extra={
          <Button type="primary" onClick={() => this.setState({ error: null })}>
            {translate(language, 'error.retry')}
          </Button>
        }
      />
    );
  }
}
