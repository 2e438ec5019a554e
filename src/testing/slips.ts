/** Card slips as the pinpads print them (the vendor docs' examples), for refund and staff tests. */

export const HUMO_SLIP = `           ОБЫЧНЫЙ ТОВАР
ID Терминала:09110004  Номер смены 4
ID Организации:010950461213101
                             Чек
340
               Оплата
              ОДОБРЕНО
СУММА(AMOUNT):             280.00 UZS
Карта: HUMO              Срок: 01/25
        986009******7856:01
Код авторизации: 635842
                     Код ответа:
000
RRN:408005356147
              Дата:29/09/23
14:07:01`;

export const UZCARD_SLIP = `PAX A35 Uzcard POS v1.5.0
Date/Time: 2024-04-04 11:22:13
TID: 00000166
Operation: Оплата
Invoice: 474
CARD: 626291******5674(БЕСКОНТАКТ(W))
Total Amount: 50000
Resp Code: 000
RRN: 010965628751`;

export const HUMO_CANCEL_SLIP = `ID Терм.:34112204      Номер смены 1
ID Орг.:011760574070401       Чек 14
          Отмена (CANCEL)
              ОДОБРЕНО
         ОПЕРАЦИЯ ОТМЕНЕНА
СУММА:                    280.00 UZS
Код авториз.:731333   Код ответа:400
RRN(ссылка) :416311639412`;

/** The spec's UzCard return slip, as the client salvages it from the Kotlin-tailed answer. */
export const UZCARD_RETURN_SLIP = `
            OOO TEST TIME
       БЕСКОНТАКТНАЯ ОПЕРАЦИЯ
Номер операции:                  168
RRN                     010968002727
Дата             2025-03-07 14:54:27
Карта               544081******5040
              Возврат
             500.00 UZS
              Одобрено
          Код ответа:000 
`;
