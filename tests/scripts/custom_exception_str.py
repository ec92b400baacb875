# A validation error class that formats its message in __str__; one escapes uncaught.
class FieldError(Exception):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field, self.problem = field, problem
    def __str__(self):
        return f"{self.field}: {self.problem}"

def validate(user):
    if not user.get("name"):
        raise FieldError("name", "required")
    if user.get("age", 0) < 0:
        raise FieldError("age", "must be non-negative")
    return True

try:
    validate({})
except FieldError as e:
    print("caught", e, e.args)
validate({"name": "ann", "age": -1})
