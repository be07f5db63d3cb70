// The demo's sign-in: pick one of the demo tenant's people, a salesperson or a manager, and see Suhde as them.
import { Body1, Button, Caption1, Card, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n, type DemoUser } from '../../../web-shared/src/index.ts';

const useStyles = makeStyles({
  root: { maxWidth: '40rem', margin: '0 auto', padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS, gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))' },
  person: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', height: 'auto', padding: tokens.spacingHorizontalM },
  who: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
});

export function DemoSignIn({ users, onPick }: { users: DemoUser[]; onPick: (id: string) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const order = { rep: 0, manager: 1, admin: 2 } as const;
  const sorted = [...users].sort((a, b) => order[a.role] - order[b.role] || a.displayName.localeCompare(b.displayName));
  return (
    <main className={s.root}>
      <Title2 as="h1">{t('signIn.title')}</Title2>
      <Body1>{t('signIn.demoIntro')}</Body1>
      <ul className={s.list} aria-label={t('signIn.people')}>
        {sorted.map((u) => (
          <li key={u.id}>
            <Card>
              <Button appearance="subtle" className={s.person} onClick={() => onPick(u.id)} data-user-id={u.id}>
                <span className={s.who}>
                  <span>{u.displayName}</span>
                  <Caption1>{[t(`role.${u.role}`), u.team].filter(Boolean).join(' · ')}</Caption1>
                </span>
              </Button>
            </Card>
          </li>
        ))}
      </ul>
    </main>
  );
}
