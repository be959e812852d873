import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

/**
 * The camera with a card-shaped guide, and a file picker for when there is no camera (or the
 * photo is better taken otherwise). Hands the chosen image to `onImage`.
 */
export function CameraCapture({ onImage, onTyped, disabled }: { onImage: (image: Blob) => void; onTyped: () => void; disabled: boolean }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [cameraReady, setCameraReady] = useState(false);
  const [cameraMissing, setCameraMissing] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraMissing(true);
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((track) => track.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
        setCameraReady(true);
      })
      .catch(() => setCameraMissing(true));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const capture = () => {
    const element = video.current;
    if (!element || !element.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext('2d')!.drawImage(element, 0, 0);
    canvas.toBlob((blob) => blob && onImage(blob), 'image/jpeg', 0.92);
  };

  return (
    <div className="stack">
      <div className="camera" hidden={cameraMissing}>
        <video ref={video} playsInline muted aria-label={t('kiosk.scanTitle')} />
        <div className="card-guide" aria-hidden="true" />
      </div>
      {cameraMissing && <p className="hint">{t('kiosk.noCamera')}</p>}
      <div className="row wrap">
        {cameraReady && (
          <button type="button" className="primary big" onClick={capture} disabled={disabled}>
            {t('kiosk.capture')}
          </button>
        )}
        <label className={`button big file-button${disabled ? ' disabled' : ''}`}>
          {t('kiosk.pickFile')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            className="visually-hidden"
            disabled={disabled}
            data-testid="ktp-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) onImage(file);
            }}
          />
        </label>
        <button type="button" className="big" onClick={onTyped} disabled={disabled}>
          {t('kiosk.typeInstead')}
        </button>
      </div>
    </div>
  );
}
