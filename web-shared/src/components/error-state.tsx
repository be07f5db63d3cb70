// One way to show a failure: a plain sentence for what happened (unreachable backend, sign-in, a problem+json
// from the API) and a retry when there is something to retry.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ApiProblem, BackendUnreachable, SignInRequired } from '../api/problem.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { I18n } from '../i18n/i18n.ts';

export function describeError(error: unknown, t: I18n['t']): { title: string; detail: string } {
  if (error instanceof BackendUnreachable) return { title: t('error.unreachable.title'), detail: t('error.unreachable.detail') };
  if (error instanceof SignInRequired) return { title: t('error.signIn.title'), detail: t('error.signIn.detail', { message: error.message }) };
  if (error instanceof ApiProblem) {
    if (error.status === 404) return { title: error.title, detail: t('error.notFound') };
    if (error.status === 403 && !error.detail) return { title: error.title, detail: t('error.forbidden') };
    return { title: error.title, detail: error.detail };
  }
  return { title: t('error.title'), detail: error instanceof Error ? error.message : String(error) };
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const d = describeError(error, t);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title ?? d.title}</MessageBarTitle>
        {d.detail}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
