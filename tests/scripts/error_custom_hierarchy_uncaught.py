# A payment processor with a custom exception hierarchy; a fraud error escapes all handlers.
class PaymentError(Exception):
    pass

class CardDeclined(PaymentError):
    pass

class FraudSuspected(Exception):
    pass

def charge(card, amount):
    if card.endswith("0000"):
        raise CardDeclined(f"card {card[-4:]} declined for {amount}")
    if amount > 5000:
        raise FraudSuspected(f"amount {amount} flagged for review")
    return f"charged {amount} to ...{card[-4:]}"

payments = [("4111111111111111", 20), ("4000000000000000", 15), ("5500000000000004", 9999)]
for card, amount in payments:
    try:
        print(charge(card, amount))
    except PaymentError as e:
        print("payment error:", e)
