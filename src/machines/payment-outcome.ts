/**
 * What a payment method machine ends with, and what it hands the journal: the types live in the domain layer
 * (src/domain/attempt-types.ts), which the journal reads too. The checkout machine branches on `outcome` with
 * an exhaustive switch; method machines know nothing of carts or receipts beyond the draft they are given.
 */
export type {
  ChargeDraft,
  NotPaidOutcome,
  PaidWith,
  PaymentOutcome,
  RecordChargeInput,
  RecordOutcomeInput,
} from '../domain/attempt-types.ts';
