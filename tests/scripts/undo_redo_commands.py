# Command pattern text editor with undo/redo stacks and command classes.
class Command:
    def do(self, doc):
        raise NotImplementedError
    def undo(self, doc):
        raise NotImplementedError

class Insert(Command):
    def __init__(self, pos, text):
        self.pos, self.text = pos, text
    def do(self, doc):
        doc.text = doc.text[:self.pos] + self.text + doc.text[self.pos:]
    def undo(self, doc):
        doc.text = doc.text[:self.pos] + doc.text[self.pos + len(self.text):]
    def __repr__(self):
        return f"Insert({self.pos}, {self.text!r})"

class Delete(Command):
    def __init__(self, pos, length):
        self.pos, self.length = pos, length
        self.removed = ""
    def do(self, doc):
        self.removed = doc.text[self.pos:self.pos + self.length]
        doc.text = doc.text[:self.pos] + doc.text[self.pos + self.length:]
    def undo(self, doc):
        doc.text = doc.text[:self.pos] + self.removed + doc.text[self.pos:]
    def __repr__(self):
        return f"Delete({self.pos}, {self.length})"

class Upper(Command):
    def do(self, doc):
        self.before = doc.text
        doc.text = doc.text.upper()
    def undo(self, doc):
        doc.text = self.before
    def __repr__(self):
        return "Upper()"

class Document:
    def __init__(self):
        self.text = ""
        self.undo_stack, self.redo_stack = [], []

    def run(self, cmd):
        cmd.do(self)
        self.undo_stack.append(cmd)
        self.redo_stack.clear()

    def undo(self):
        if not self.undo_stack:
            return False
        cmd = self.undo_stack.pop()
        cmd.undo(self)
        self.redo_stack.append(cmd)
        return True

    def redo(self):
        if not self.redo_stack:
            return False
        cmd = self.redo_stack.pop()
        cmd.do(self)
        self.undo_stack.append(cmd)
        return True

d = Document()
for cmd in [Insert(0, "hello"), Insert(5, " world"), Delete(0, 1), Insert(0, "J"), Upper()]:
    d.run(cmd)
    print(f"{cmd!r:<22} -> {d.text!r}")
while d.undo():
    print("undo ->", repr(d.text), len(d.redo_stack))
print(d.redo(), d.redo(), repr(d.text))
d.run(Insert(len(d.text), "!"))
print(repr(d.text), d.redo(), d.undo_stack)
try:
    Command().do(d)
except NotImplementedError:
    print("abstract command")
