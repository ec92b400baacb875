"""Breeds Redcode warriors against a small benchmark and prints the best.

    shoal run examples/evolver.py [GENERATIONS] [POPULATION] [SEED]

Each warrior is a few random instructions; each generation, every warrior
fights the benchmark (corewar.battle, pMARS's rules), the better half
survives, and the rest are replaced by mutated copies and crossings of the
survivors. Battles are short (coresize 8000, 20,000 cycles, 4 rounds per
opponent) so a run takes seconds.
"""
import random
import sys

import corewar

OPCODES = ["mov", "add", "sub", "jmp", "jmz", "jmn", "djn", "spl", "dat", "seq", "sne", "slt"]
MODIFIERS = ["a", "b", "ab", "ba", "f", "x", "i"]
MODES = ["#", "$", "@", "<", ">", "*", "{", "}"]

# The benchmark: three classic strategies, written for this example.
IMP = """;redcode
;name Imp
;assert 1
        mov.i 0, 1
"""
STONE = """;redcode
;name Stone
;assert 1
step    equ 4
bomb    dat #0, #0
start   add.ab #step, bomb
        mov.i bomb, @bomb
        jmp start
        end start
"""
PAPER = """;redcode
;name Paper
;assert 1
start   spl 1
        mov.i -1, 0
        spl 1
copy    mov.i }start, >dest
        jmz.f copy, *start
dest    spl @dest, 2000
        mov.i 2, <-1
        dat 0, 0
        end start
"""
BENCHMARK = [corewar.assemble(IMP, "imp"), corewar.assemble(STONE, "stone"),
             corewar.assemble(PAPER, "paper")]


def random_instruction(rng):
    return [rng.choice(OPCODES), rng.choice(MODIFIERS), rng.choice(MODES),
            rng.randint(-100, 100), rng.choice(MODES), rng.randint(-100, 100)]


def source(genome, name):
    lines = [";redcode", ";name " + name, ";author evolver.py", ";assert 1"]
    for op, mod, ma, a, mb, b in genome:
        lines.append("        " + op + "." + mod + " " + ma + str(a) + ", " + mb + str(b))
    return "\n".join(lines) + "\n"


def fitness(genome, name):
    warrior = corewar.assemble(source(genome, name), name)
    total = 0
    for i, opponent in enumerate(BENCHMARK):
        result = corewar.battle([warrior, opponent], rounds=4, seed=1000 + 700 * i,
                                cycles=20000)
        total += result["scores"][0]
    return total


def mutate(genome, rng):
    child = [list(ins) for ins in genome]
    ins = rng.choice(child)
    field = rng.randrange(6)
    if field == 0:
        ins[0] = rng.choice(OPCODES)
    elif field == 1:
        ins[1] = rng.choice(MODIFIERS)
    elif field == 2 or field == 4:
        ins[field] = rng.choice(MODES)
    else:
        ins[field] = ins[field] + rng.randint(-10, 10)
    if rng.random() < 0.2 and len(child) < 12:
        child.insert(rng.randrange(len(child) + 1), random_instruction(rng))
    return child


def cross(a, b, rng):
    cut = rng.randint(1, min(len(a), len(b)))
    return [list(ins) for ins in a[:cut]] + [list(ins) for ins in b[cut:]]


def main():
    generations = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    rng = random
    best_possible = 3 * 4 * len(BENCHMARK)
    # Each first warrior is a few random instructions in a loop, so that
    # it lives long enough for selection to see what its bombs do.
    population = []
    for _ in range(size):
        body = [random_instruction(rng) for _ in range(rng.randint(2, 5))]
        body.append(["jmp", "b", "$", -len(body), "$", 0])
        population.append(body)
    best = None
    for generation in range(1, generations + 1):
        scored = []
        for k, genome in enumerate(population):
            scored.append((fitness(genome, "g" + str(generation) + "w" + str(k)), k, genome))
        scored.sort(key=lambda t: (-t[0], t[1]))
        if best is None or scored[0][0] > best[0]:
            best = (scored[0][0], generation, scored[0][2])
        print("generation", generation, "best", scored[0][0], "of", best_possible,
              "mean", round(sum(s for s, _, _ in scored) / len(scored), 1))
        survivors = [g for _, _, g in scored[: max(2, size // 2)]]
        population = list(survivors)
        while len(population) < size:
            if rng.random() < 0.5:
                population.append(mutate(rng.choice(survivors), rng))
            else:
                population.append(mutate(cross(rng.choice(survivors), rng.choice(survivors), rng), rng))
    score, generation, genome = best
    print("best warrior: score", score, "of", best_possible, "from generation", generation)
    print(source(genome, "Evolved"), end="")


main()
