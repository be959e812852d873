import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { ConfirmScanReply, InstitutionView, ServiceView } from '@mediq/contracts';
import { useI18n } from '../../i18n';

export type PaperWidth = 58 | 80;

/**
 * The link a phone opens to follow this ticket. A printed ticket is public paper, so the link is the
 * ticket's read-only follow link, never a session: it shows the number and position, no personal data.
 */
export function followLink(reply: Pick<ConfirmScanReply, 'followUrl'>, origin = window.location.origin): string {
  return `${origin}${reply.followUrl}`;
}

/** The issued ticket: big number, position, ETA, QR code; printable on a 58/80 mm thermal printer. */
export function TicketCard({ reply, institution, service }: { reply: ConfirmScanReply; institution: InstitutionView; service?: ServiceView }) {
  const { t } = useI18n();
  const [qr, setQr] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperWidth>(80);
  const link = followLink(reply);

  useEffect(() => {
    void QRCode.toDataURL(link, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then(setQr);
  }, [link]);

  const { ticket } = reply;
  return (
    <section className={`ticket-card paper-${paper}`} aria-labelledby="ticket-title">
      <p className="print-only">{institution.name}</p>
      <h2 id="ticket-title">{t('kiosk.ticketTitle')}</h2>
      <p className="ticket-number" data-testid="ticket-number">
        {ticket.displayNumber}
      </p>
      {service && <p className="ticket-service">{service.name}</p>}
      {ticket.category && <p className="badge">{t(`category.${ticket.category}`)}</p>}
      <p className="ticket-position">{t('kiosk.position', { n: ticket.ahead })}</p>
      <p>{t('kiosk.eta', { n: ticket.etaMinutes })}</p>
      {qr && <img className="qr" src={qr} width={180} height={180} alt={t('kiosk.qrHelp')} data-follow-link={link} />}
      <p className="hint">{t('kiosk.qrCaption')}</p>
      <p className="print-only">{new Date(ticket.createdAt).toLocaleString('id-ID', { timeZone: institution.timezone })}</p>
      <div className="row wrap no-print">
        <label>
          {t('kiosk.paper')}{' '}
          <select value={paper} onChange={(event) => setPaper(Number(event.target.value) as PaperWidth)}>
            <option value={58}>58 mm</option>
            <option value={80}>80 mm</option>
          </select>
        </label>
        <button type="button" className="big" onClick={() => window.print()}>
          {t('kiosk.print')}
        </button>
      </div>
    </section>
  );
}
