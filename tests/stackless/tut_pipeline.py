# Tutorial: a text-processing pipeline of tasklets joined by channels:
# read lines -> split into words -> lower-case and strip punctuation ->
# count. Each stage loops over its input channel and closes its output when
# the input ends, passing StopIteration along.
import stackless

TEXT = """The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs!
A quick end, the end."""


def stage(func, inp, out):
    for item in inp:
        for result in func(item):
            out.send(result)
    out.send_exception(StopIteration)


def reader(out):
    for line in TEXT.split("\n"):
        out.send(line)
    out.send_exception(StopIteration)


def split_words(line):
    return line.split()


def clean(word):
    w = word.lower().strip(".,;!")
    return [w] if w else []


def counter(inp, counts):
    for word in inp:
        counts[word] = counts.get(word, 0) + 1


lines = stackless.channel()
words = stackless.channel()
cleaned = stackless.channel()
counts = {}
stackless.tasklet(reader)(lines)
stackless.tasklet(stage)(split_words, lines, words)
stackless.tasklet(stage)(clean, words, cleaned)
last = stackless.tasklet(counter)(cleaned, counts)
stackless.run()
print("counter finished:", not last.alive)
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print("%5s %d" % (word, n))
print("channels idle:", lines.balance, words.balance, cleaned.balance)
