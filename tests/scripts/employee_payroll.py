# A payroll system with an Employee class hierarchy, overtime, commissions, deductions and a pay report.
class Employee:
    tax_rate = 0.2
    def __init__(self, name, emp_id):
        self.name, self.emp_id = name, emp_id
    def gross(self):
        raise NotImplementedError
    def deductions(self):
        return round(self.gross() * self.tax_rate, 2)
    def net(self):
        return round(self.gross() - self.deductions(), 2)
    def kind(self):
        return type(self).__name__

class Salaried(Employee):
    def __init__(self, name, emp_id, annual):
        super().__init__(name, emp_id)
        self.annual = annual
    def gross(self):
        return round(self.annual / 12, 2)

class Hourly(Employee):
    tax_rate = 0.15
    def __init__(self, name, emp_id, rate, hours):
        super().__init__(name, emp_id)
        self.rate, self.hours = rate, hours
    def gross(self):
        regular = min(self.hours, 160)
        overtime = max(0, self.hours - 160)
        return round(regular * self.rate + overtime * self.rate * 1.5, 2)

class Commissioned(Salaried):
    def __init__(self, name, emp_id, annual, sales, pct):
        super().__init__(name, emp_id, annual)
        self.sales, self.pct = sales, pct
    def gross(self):
        return round(super().gross() + self.sales * self.pct, 2)

class Intern(Hourly):
    tax_rate = 0.0
    def deductions(self):
        return 0.0

staff = [
    Salaried("Ann", 101, 96000),
    Hourly("Bob", 102, 22.5, 172),
    Commissioned("Cy", 103, 48000, 125000, 0.03),
    Intern("Dee", 104, 15, 80),
    Hourly("Eve", 105, 30, 150),
]
print(f"{'ID':<5}{'Name':<6}{'Type':<14}{'Gross':>10}{'Tax':>9}{'Net':>10}")
for e in sorted(staff, key=lambda e: -e.net()):
    print(f"{e.emp_id:<5}{e.name:<6}{e.kind():<14}{e.gross():>10,.2f}{e.deductions():>9,.2f}{e.net():>10,.2f}")
totals = {}
for e in staff:
    totals[e.kind()] = round(totals.get(e.kind(), 0) + e.gross(), 2)
print(totals, round(sum(e.net() for e in staff), 2))
print([e.name for e in staff if isinstance(e, Hourly)], [e.name for e in staff if isinstance(e, Salaried)])
try:
    Employee("X", 0).net()
except NotImplementedError:
    print("base Employee has no gross()")
