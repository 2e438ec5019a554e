/** The gateway client's public surface. */
export { createGateway } from './gateway.ts';
export { parseSlip, responseMeaning, responseReason } from './slip-parser.ts';
export type { ParsedSlip, PinpadReason, ResponseMeaning, SlipOperation } from './slip-parser.ts';
export { gatewayErrorMessageKey } from './error-messages.ts';
export { decodeFieldErrors } from './envelope.ts';
export { parseTolerant, salvagePinpadAnswer } from './tolerant-json.ts';
export { receiptBody } from './receipt-body.ts';
export * from './types.ts';
