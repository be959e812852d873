/** The kiosk's registration on this device: its key and the institution the key belongs to. */
export interface KioskDevice {
  key: string;
  institutionId: string;
}

const STORAGE_KEY = 'mediq.kiosk';

export function readKioskDevice(): KioskDevice | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as KioskDevice) : null;
  } catch {
    return null;
  }
}

export function saveKioskDevice(device: KioskDevice | null): void {
  if (device) localStorage.setItem(STORAGE_KEY, JSON.stringify(device));
  else localStorage.removeItem(STORAGE_KEY);
}
