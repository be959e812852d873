import type { PriorityCategory, TicketPriority, TicketStatus } from './queue';
import { rpc } from './rpc';

/**
 * Following a ticket from its printed QR code. A printed ticket is public paper (left on chairs,
 * photographed, handed to relatives), so its code carries a follow link, never an account: a
 * random token that shows this one ticket, read-only, without the patient's name or NIK, to any
 * number of phones at once, until the ticket ends or its local day is over.
 */
export interface FollowLink {
  followToken: string;
  /** Relative to the web app's origin: `/antrian?follow=<token>`. */
  followUrl: string;
}

export function followUrlFor(followToken: string): string {
  return `/antrian?follow=${encodeURIComponent(followToken)}`;
}

/** The public view of one ticket: where it stands, never who holds it. */
export interface FollowedTicketView {
  ticketId: string;
  institutionId: string;
  serviceId: string;
  displayNumber: string;
  /** The institution-local day of the ticket (YYYY-MM-DD). */
  localDate: string;
  status: TicketStatus;
  priority: TicketPriority;
  category: PriorityCategory | null;
  counter: string | null;
  /** WAITING tickets called before this one; 0 once called. */
  ahead: number;
  etaMinutes: number;
  calledAt: string | null;
}

export const FollowContracts = {
  /** The follow link of a ticket (the same one on every call): its kiosk, staff of its institution, or its patient. */
  issue: rpc<{ ticketId: string }, FollowLink>('patient-queue', 'queue.follow.issue'),
  /** Public: the ticket a follow token names. 410 FOLLOW_LINK_EXPIRED once it ended or its day is over. */
  view: rpc<{ followToken: string }, FollowedTicketView>('patient-queue', 'queue.follow.view'),
} as const;

/** What a phone following a ticket by its follow link hears over socket.io: the public view, never the patient. */
export interface FollowedTicketEvent {
  type: string;
  occurredAt: string;
  ticket: FollowedTicketView;
}
