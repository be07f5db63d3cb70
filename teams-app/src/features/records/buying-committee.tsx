// An opportunity's buying committee in its dialog: who at the customer decides, pays, influences, uses or
// champions the deal. Each change is saved at once (a role is one fact, not part of the deal's form); whoever may
// not edit the deal (`can.edit`) sees the same controls disabled, with the rule beside them, rather than a refusal
// after the fact.
import { useState } from 'react';
import { Button, Caption1, Dropdown, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DismissRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n, type ApiClient, type Opportunity } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

export const CONTACT_ROLES = ['decision_maker', 'economic_buyer', 'influencer', 'user', 'champion'] as const;
type Role = (typeof CONTACT_ROLES)[number];
type Member = Awaited<ReturnType<typeof unwrap<Awaited<ReturnType<ApiClient['opportunities'][':id']['contacts']['$get']>>>>>['items'][number];

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  member: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  name: { minWidth: '10rem', flex: '1 1 10rem' },
  muted: { color: tokens.colorNeutralForeground3 },
  add: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  pick: { minWidth: '12rem' },
});

export function BuyingCommittee({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const editable = !!opportunity.can?.edit.allowed && opportunity.archivedAt == null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pick, setPick] = useState<{ contactId: string; role: Role }>({ contactId: '', role: 'decision_maker' });
  const data = useAsync(async () => {
    const [committee, contacts] = await Promise.all([
      unwrap(api.opportunities[':id'].contacts.$get({ param: { id: opportunity.id } })),
      unwrap(api.contacts.$get({ query: { accountId: opportunity.accountId, limit: '200' } })),
    ]);
    return { members: committee.items, contacts: contacts.items };
  }, [api, opportunity.id, opportunity.accountId]);
  const [members, setMembers] = useState<Member[] | null>(null);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const current = members ?? data.data.members;
  const candidates = data.data.contacts.filter((c) => !current.some((m) => m.contactId === c.id));

  const change = async (call: () => Promise<{ items: Member[] }>) => {
    setBusy(true);
    setError(null);
    try {
      setMembers((await call()).items);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const setRole = (contactId: string, role: Role) =>
    change(() => unwrap(api.opportunities[':id'].contacts[':contactId'].$put({ param: { id: opportunity.id, contactId }, json: { role } })));
  const remove = (contactId: string) =>
    change(() => unwrap(api.opportunities[':id'].contacts[':contactId'].$delete({ param: { id: opportunity.id, contactId } })));
  const pickedName = candidates.find((c) => c.id === pick.contactId)?.name ?? '';
  const reasonId = `committee-reason-${opportunity.id}`;
  // A disabled control names the rule that disables it.
  const locked = editable ? {} : { 'aria-describedby': reasonId };

  return (
    <section className={s.section} aria-labelledby={`committee-${opportunity.id}`} data-testid="buying-committee">
      <Text weight="semibold" as="h3" id={`committee-${opportunity.id}`}>{t('committee.title')}</Text>
      <Caption1 className={s.muted} id={editable ? undefined : reasonId} data-testid={editable ? undefined : 'committee-reason'}>
        {editable ? t('committee.intro') : t('committee.readOnly')}
      </Caption1>
      {error !== null && <ErrorState error={error} />}
      {current.length === 0 ? <Text role="status">{t('committee.none')}</Text> : (
        <ul className={s.list}>
          {current.map((m) => {
            const name = m.contactArchivedAt ? t('committee.archivedContact', { name: m.name }) : m.name;
            return (
              <li key={m.contactId} className={s.member} data-contact-id={m.contactId} data-role={m.role}>
                <Text className={s.name}>{name}{m.title ? <Caption1 className={s.muted}> · {m.title}</Caption1> : null}</Text>
                <Dropdown aria-label={t('committee.roleOf', { name: m.name })} disabled={busy || !editable} value={t(`role.${m.role}`)} selectedOptions={[m.role]} {...locked}
                  onOptionSelect={(_, d) => d.optionValue && d.optionValue !== m.role && void setRole(m.contactId, d.optionValue as Role)}>
                  {CONTACT_ROLES.map((r) => <Option key={r} value={r}>{t(`role.${r}`)}</Option>)}
                </Dropdown>
                <Button size="small" appearance="subtle" icon={<DismissRegular />} disabled={busy} disabledFocusable={!editable} {...locked}
                  onClick={() => void remove(m.contactId)} aria-label={t('committee.removeNamed', { name: m.name })}>
                  {t('committee.remove')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {candidates.length > 0 && (
        <div className={s.add}>
          <Field label={t('committee.contact')}>
            <Dropdown className={s.pick} disabled={!editable} {...locked} placeholder={t('committee.pickContact')} value={pickedName} selectedOptions={pick.contactId ? [pick.contactId] : []}
              onOptionSelect={(_, d) => setPick((p) => ({ ...p, contactId: d.optionValue ?? '' }))}>
              {candidates.map((c) => <Option key={c.id} value={c.id}>{c.name}</Option>)}
            </Dropdown>
          </Field>
          <Field label={t('committee.role')}>
            <Dropdown disabled={!editable} {...locked} value={t(`role.${pick.role}`)} selectedOptions={[pick.role]} onOptionSelect={(_, d) => setPick((p) => ({ ...p, role: (d.optionValue as Role) ?? p.role }))}>
              {CONTACT_ROLES.map((r) => <Option key={r} value={r}>{t(`role.${r}`)}</Option>)}
            </Dropdown>
          </Field>
          <Button icon={<AddRegular />} disabled={busy || !pick.contactId} disabledFocusable={!editable} {...locked}
            onClick={() => void setRole(pick.contactId, pick.role).then(() => setPick((p) => ({ ...p, contactId: '' })))}>
            {t('committee.add')}
          </Button>
        </div>
      )}
    </section>
  );
}
