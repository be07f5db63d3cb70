// On an account page: "this account may have a duplicate", with the evidence and, for those who may merge, a way
// to the review. Shows nothing when there is none (or when the check fails: the page itself matters more).
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { evidenceText } from './duplicates-view.tsx';

export function DuplicateBanner({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const { api, me, navigate } = useServices();
  const found = useAsync(() => unwrap(api.duplicates.$get({ query: { kind: 'account', recordId: accountId, limit: '5' } })), [api, accountId]);
  if (found.status !== 'done' || found.data.items.length === 0) return null;
  const others = found.data.items.flatMap((i) => (i.accounts ?? []).filter((a) => a.id !== accountId).map((a) => ({ name: a.name, reasons: i.evidence.map((e) => evidenceText(t, e)) })));
  const manager = me.role === 'manager' || me.role === 'admin';
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="duplicate-banner">
      <MessageBarBody>
        <MessageBarTitle>{t('duplicates.bannerTitle')}</MessageBarTitle>
        {others.map((o) => t('duplicates.bannerItem', { name: o.name, reasons: o.reasons.join(', ') })).join(' · ')}
      </MessageBarBody>
      {manager && (
        <MessageBarActions>
          <Button size="small" onClick={() => navigate({ view: 'duplicates' })}>{t('duplicates.bannerReview')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
