# Observer/event-bus pattern: subscribers with closures, priorities, unsubscribe and event history.
class EventBus:
    def __init__(self):
        self.handlers = {}
        self.history = []

    def subscribe(self, event, handler, priority=0):
        self.handlers.setdefault(event, []).append((priority, len(self.handlers.get(event, [])), handler))
        self.handlers[event].sort(key=lambda t: (-t[0], t[1]))
        def unsubscribe():
            self.handlers[event] = [h for h in self.handlers[event] if h[2] is not handler]
        return unsubscribe

    def publish(self, event, **payload):
        self.history.append(event)
        results = []
        for _, _, handler in self.handlers.get(event, []):
            r = handler(**payload)
            if r == "stop":
                results.append("stopped")
                break
            results.append(r)
        return results

bus = EventBus()
totals = {"orders": 0, "revenue": 0.0}

def audit(**p):
    return f"audit {sorted(p.items())}"

def count_order(amount, **rest):
    totals["orders"] += 1
    totals["revenue"] += amount
    return f"counted {amount:.2f}"

def fraud_check(amount, customer):
    if amount > 1000:
        return "stop"
    return f"{customer} ok"

def make_notifier(channel):
    sent = []
    def notify(**p):
        sent.append(p.get("customer", "?"))
        return f"{channel}:{len(sent)}"
    return notify, sent

unsub_audit = bus.subscribe("order", audit)
bus.subscribe("order", count_order, priority=5)
bus.subscribe("order", fraud_check, priority=10)
email, email_log = make_notifier("email")
bus.subscribe("order", email, priority=1)
print(bus.publish("order", amount=25.5, customer="ann"))
print(bus.publish("order", amount=5000, customer="mallory"))
unsub_audit()
print(bus.publish("order", amount=99.99, customer="bob"))
print(bus.publish("refund", amount=10))
print(totals, email_log, bus.history)
