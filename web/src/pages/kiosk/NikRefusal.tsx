import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n';
import { nikInGroups } from '../../util';

/**
 * The confirmed NIK is registered to a person with another name: nothing was registered or changed.
 * The patient compares the NIK, shown large in digit groups, with the card and corrects it, or goes
 * to the front desk.
 */
export function NikRefusal({ nik, onCorrect, onFrontDesk }: { nik: string; onCorrect: () => void; onFrontDesk: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'center' });
    heading.current?.focus();
  }, []);
  return (
    <section className="card stack alert alert-warning nik-refusal" role="alert" data-testid="nik-refusal">
      <h3 ref={heading} tabIndex={-1}>
        {t('kiosk.nikRefusedTitle')}
      </h3>
      <p>{t('kiosk.nikRefusedHelp')}</p>
      <p className="nik-groups" data-testid="nik-groups">
        {nikInGroups(nik)}
      </p>
      <div className="row wrap">
        <button type="button" className="primary big" onClick={onCorrect}>
          {t('kiosk.nikRefusedCorrect')}
        </button>
        <button type="button" className="big" onClick={onFrontDesk}>
          {t('kiosk.nikRefusedFrontDesk')}
        </button>
      </div>
    </section>
  );
}
