# The script part of the `corewar` module: Core War for scripts.
#
#   w = corewar.assemble(source)             # a Warrior; ValueError if it does not assemble
#   r = corewar.battle([w1, w2], rounds=100, seed=4000)
#   r["scores"], r["wins"], r["losses"], r["ties"], r["executed"], r["text"]
#
# Options are pMARS's, given as keywords (rounds, seed, coresize, cycles,
# processes, maxlength, distance, pspace) or as a pMARS option string
# (options="-r 100 -F 4000").

_KEYS = [("rounds", "-r"), ("seed", "-F"), ("coresize", "-s"), ("cycles", "-c"),
         ("processes", "-p"), ("maxlength", "-l"), ("distance", "-d"), ("pspace", "-S")]


def _options(options, values):
    parts = [options]
    for (name, switch), value in zip(_KEYS, values):
        if value is not None:
            if type(value) is not int or value < 0:
                raise ValueError(name + " must be a non-negative int")
            parts.append(switch + " " + str(value))
    return " ".join(parts)


class Warrior:
    """An assembled Redcode warrior."""

    def __init__(self, source, filename="<warrior>", options=""):
        if type(source) is not str:
            raise TypeError("a warrior's source must be str")
        name, author, length, start, listing, warnings = _assemble(source, filename, options)
        self.source = source
        self.filename = filename
        self.name = name
        self.author = author
        self.length = length
        self.start = start
        self.listing = listing
        self.warnings = warnings

    def __repr__(self):
        return "<Warrior " + repr(self.name) + " by " + repr(self.author) + ", " + str(self.length) + " instructions>"


def assemble(source, filename="<warrior>", options=""):
    """Assembles Redcode; raises ValueError with the assembler's messages."""
    return Warrior(source, filename, options)


def battle(warriors, options="", rounds=None, seed=None, coresize=None, cycles=None,
           processes=None, maxlength=None, distance=None, pspace=None):
    """Fights `warriors` (Warriors or Redcode sources) as pMARS would."""
    if type(warriors) is str or type(warriors) is Warrior:
        raise TypeError("battle() takes a list of warriors")
    sources = []
    files = []
    for w in warriors:
        if type(w) is str:
            sources.append(w)
            files.append("<warrior " + str(len(files) + 1) + ">")
        else:
            sources.append(w.source)
            files.append(w.filename)
    opts = _options(options, [rounds, seed, coresize, cycles, processes, maxlength, distance, pspace])
    names, scores, results, executed, text = _battle(sources, files, opts)
    n = len(sources)
    wins = [r[0] for r in results]
    ties = [sum(r[1:n]) for r in results]
    losses = [sum(r[n:]) for r in results]
    return {"names": names, "scores": scores, "wins": wins, "losses": losses,
            "ties": ties, "results": results, "executed": executed, "text": text}
