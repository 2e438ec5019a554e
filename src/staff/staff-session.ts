/**
 * One PIN lock per page load, shared by every opening of staff mode: closing and reopening the screen must not
 * hand out five fresh tries.
 */
import { createPinLock, type PinLock } from './pin-lock.ts';

export const sessionPinLock: PinLock = createPinLock(() => Date.now());
