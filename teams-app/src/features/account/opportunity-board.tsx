// The account's opportunities as a board by stage, with values, the open total and the weighted forecast.
// A card moves by drag and drop, or by its "Move to" menu (keyboard and screen readers); the totals follow.
// Who may move a deal comes with it (`can.moveStage`): a deal the user may not move is not draggable, and its
// "Move to" is disabled with the reason in a tooltip, rather than refused after the fact.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import {
  Badge, Button, Caption1, Card, Field, Input, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, MessageBar, MessageBarBody, Switch, Text, Tooltip,
  makeStyles, mergeClasses, tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowMoveRegular, ArrowUndoRegular, EditRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n, type Opportunity } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { OpportunityDialog } from '../records/opportunity-dialog.tsx';
import { ArchivedNotice } from '../records/archived-notice.tsx';

export const STAGES = ['identified', 'contacted', 'offer', 'negotiation', 'won', 'lost'] as const;
type Stage = (typeof STAGES)[number];
const OPEN: readonly Stage[] = ['identified', 'contacted', 'offer', 'negotiation'];

const useStyles = makeStyles({
  totals: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  board: { display: 'grid', gridTemplateColumns: 'repeat(6, minmax(10rem, 1fr))', gap: tokens.spacingHorizontalS, overflowX: 'auto' },
  column: { backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, minHeight: '8rem', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  over: { outline: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}` },
  colHead: { display: 'flex', flexDirection: 'column', margin: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { cursor: 'grab' },
  fixed: { cursor: 'default' },
  status: { marginBottom: tokens.spacingVerticalS },
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginTop: tokens.spacingVerticalL },
  archivedCard: { cursor: 'default', color: tokens.colorNeutralForegroundDisabled, backgroundColor: tokens.colorNeutralBackground2 },
});

export function OpportunityBoard({ accountId, startNew = 0, onChanged }: { accountId: string; startNew?: number; onChanged?: () => void }) {
  const { t, formatMoney, formatDate } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [showArchived, setShowArchived] = useState(false);
  const data = useAsync(async () => {
    const [live, archivedOnes] = await Promise.all([
      unwrap(api.accounts[':id'].opportunities.$get({ param: { id: accountId } })),
      showArchived ? unwrap(api.opportunities.$get({ query: { accountId, archived: 'only' } })) : { items: [] },
    ]);
    return { items: [...live.items, ...archivedOnes.items] };
  }, [api, accountId, showArchived]);
  const [moved, setMoved] = useState<Record<string, Opportunity>>({});
  const [over, setOver] = useState<Stage | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [movedMessage, setMovedMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<Opportunity | null>(null);
  const [archived, setArchived] = useState<Opportunity | null>(null);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const opportunities = data.data.items.map((o) => moved[o.id] ?? o);
  // Archived deals ("Show archived") are shown, dimmed, but count in no total.
  const open = opportunities.filter((o) => OPEN.includes(o.stage as Stage) && o.currency === 'EUR' && o.archivedAt == null);
  const openTotal = open.reduce((n, o) => n + o.value, 0);
  const weighted = open.reduce((n, o) => n + o.weightedValue, 0);

  const move = async (o: Opportunity, stage: Stage) => {
    if (o.stage === stage || !o.can.moveStage.allowed) return;
    setBusy(o.id);
    setMoveError(null);
    setMovedMessage(null);
    try {
      const updated = await unwrap(api.opportunities[':id'].stage.$post({ param: { id: o.id }, json: { stage } }));
      setMoved((m) => ({ ...m, [o.id]: updated }));
      setMovedMessage(t('pipeline.moved', { name: o.name, stage: t(`stage.${stage}`) }));
      onChanged?.();
    } catch (e) {
      setMoveError(e);
    } finally {
      setBusy(null);
    }
  };
  const onDrop = (stage: Stage) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const o = opportunities.find((x) => x.id === e.dataTransfer.getData('text/plain'));
    if (o) void move(o, stage);
  };

  return (
    <section aria-label={t('account.tab.opportunities')}>
      <div className={s.totals} aria-live="polite">
        <Text>{t('pipeline.open')}: <strong data-testid="open-total">{formatMoney(openTotal)}</strong></Text>
        <Text>{t('pipeline.weighted')}: <strong data-testid="weighted-total">{formatMoney(weighted)}</strong></Text>
      </div>
      <Switch label={t('records.showArchived')} checked={showArchived} onChange={(_, d) => setShowArchived(d.checked)} data-testid="opportunities-show-archived" />
      {moveError !== null && <ErrorState error={moveError} />}
      {movedMessage && <MessageBar intent="success" className={s.status} role="status"><MessageBarBody>{movedMessage}</MessageBarBody></MessageBar>}
      {archived && (
        <ArchivedNotice name={archived.name} kind="justNow" onUndo={async () => {
          await unwrap(api.opportunities[':id'].restore.$post({ param: { id: archived.id } }));
          setArchived(null);
          setMoved({});
          data.reload();
        }} />
      )}
      {editing && (
        <OpportunityDialog opportunity={editing} open onClose={() => setEditing(null)}
          onSaved={(o) => { setEditing(null); setMoved((m) => ({ ...m, [o.id]: o })); }}
          onArchived={(o) => { setEditing(null); setArchived(o); setMoved({}); data.reload(); }} />
      )}
      <div className={s.board}>
        {STAGES.map((stage) => {
          const here = opportunities.filter((o) => o.stage === stage);
          return (
            <div key={stage} className={mergeClasses(s.column, over === stage && s.over)} data-stage={stage}
              onDragOver={(e) => { e.preventDefault(); setOver(stage); }} onDragLeave={() => setOver(null)} onDrop={onDrop(stage)}>
              <h3 className={s.colHead}>
                <Text weight="semibold">{t(`stage.${stage}`)}</Text>
                <Caption1>{t('pipeline.columnTotal', { n: here.filter((o) => o.archivedAt == null).length, value: formatMoney(here.filter((o) => o.archivedAt == null).reduce((n, o) => n + o.value, 0)) })}</Caption1>
              </h3>
              <ul className={s.list}>
                {here.map((o) => o.archivedAt != null ? (
                  <li key={o.id}>
                    <Card className={s.archivedCard} data-opportunity-id={o.id} data-archived>
                      <Text weight="semibold">{o.name} <Badge appearance="outline" color="subtle">{t('records.archivedBadge')}</Badge></Text>
                      <Caption1>{formatMoney(o.value, o.currency)}</Caption1>
                      <Button size="small" icon={<ArrowUndoRegular />} disabled={!o.can.archive.allowed} aria-label={t('records.restoreNamed', { name: o.name })}
                        onClick={() => void unwrap(api.opportunities[':id'].restore.$post({ param: { id: o.id } })).then(() => { setMoved({}); data.reload(); onChanged?.(); }, setMoveError)}>
                        {t('records.restore')}
                      </Button>
                    </Card>
                  </li>
                ) : (
                  <li key={o.id}>
                    <Card className={mergeClasses(s.card, !o.can.moveStage.allowed && s.fixed)} draggable={o.can.moveStage.allowed} data-opportunity-id={o.id} aria-busy={busy === o.id}
                      onDragStart={(e) => e.dataTransfer.setData('text/plain', o.id)}>
                      <Text weight="semibold">{o.name}</Text>
                      <Caption1>{formatMoney(o.value, o.currency)} · {o.probability} %{o.expectedCloseDate ? ` · ${formatDate(Date.parse(o.expectedCloseDate))}` : ''}</Caption1>
                      {!o.can.moveStage.allowed ? (
                        <Tooltip content={t('pipeline.cannotMove')} relationship="description">
                          <Button size="small" icon={<ArrowMoveRegular />} disabledFocusable aria-label={t('pipeline.moveNamed', { name: o.name })} data-disabled-reason={t('pipeline.cannotMove')}>
                            {t('pipeline.move')}
                          </Button>
                        </Tooltip>
                      ) : (
                      <Menu>
                        <MenuTrigger disableButtonEnhancement>
                          <Button size="small" icon={<ArrowMoveRegular />} aria-label={t('pipeline.moveNamed', { name: o.name })}>{t('pipeline.move')}</Button>
                        </MenuTrigger>
                        <MenuPopover>
                          <MenuList>
                            {STAGES.filter((x) => x !== o.stage).map((x) => (
                              <MenuItem key={x} onClick={() => void move(o, x)}>{t(`stage.${x}`)}</MenuItem>
                            ))}
                          </MenuList>
                        </MenuPopover>
                      </Menu>
                      )}
                      <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setEditing(o)} aria-label={t('records.opportunity.editNamed', { name: o.name })}>{t('records.edit')}</Button>
                    </Card>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
      <NewOpportunity accountId={accountId} focusOn={startNew} onCreated={() => { setMoved({}); data.reload(); onChanged?.(); }} />
    </section>
  );
}

function NewOpportunity({ accountId, focusOn, onCreated }: { accountId: string; focusOn: number; onCreated: () => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [close, setClose] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  // "New opportunity" in the header brings the user here: straight to the name.
  const nameInput = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (focusOn > 0) nameInput.current?.focus();
  }, [focusOn]);
  const submit = async () => {
    setBusy(true);
    setErrors(NO_ERRORS);
    setCreated(null);
    try {
      const euros = Number(value.replace(',', '.').replace(/\s/g, ''));
      await unwrap(api.opportunities.$post({
        json: { accountId, name, value: value.trim() === '' ? 0 : Math.round(euros * 100), expectedCloseDate: close || null },
      }));
      setCreated(t('pipeline.created', { name }));
      setName('');
      setValue('');
      setClose('');
      onCreated();
    } catch (e) {
      setErrors(formErrorsOf(e, ['name', 'value', 'expectedCloseDate']));
    } finally {
      setBusy(false);
    }
  };
  const field = (f: string) => ({ validationMessage: errors.fields[f], validationState: errors.fields[f] ? ('error' as const) : ('none' as const) });
  return (
    <form className={s.form} aria-label={t('pipeline.new')} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
      {created && <MessageBar intent="success" role="status"><MessageBarBody>{created}</MessageBarBody></MessageBar>}
      <Field label={t('pipeline.name')} {...field('name')}><Input ref={nameInput} value={name} onChange={(_, d) => setName(d.value)} /></Field>
      <Field label={t('pipeline.valueEur')} {...field('value')}><Input inputMode="decimal" value={value} onChange={(_, d) => setValue(d.value)} /></Field>
      <Field label={t('pipeline.closeDate')} {...field('expectedCloseDate')}><Input type="date" value={close} onChange={(_, d) => setClose(d.value)} /></Field>
      <Button type="submit" icon={<AddRegular />} disabled={busy}>{t('pipeline.add')}</Button>
    </form>
  );
}
